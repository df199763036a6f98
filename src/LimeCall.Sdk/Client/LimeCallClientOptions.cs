namespace LimeCall.Sdk.Client;

/// <summary>How a <see cref="LimeCallClient"/> reaches the API, authenticates and retries; bound from the <c>LimeCall</c> section.</summary>
public sealed class LimeCallClientOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "LimeCall";

    /// <summary>Gets or sets the API's base address. HTTPS is required, except for loopback (an emulator).</summary>
    /// <value>Default <c>https://api.limecall.com/</c>, the documented API host.</value>
    public Uri BaseAddress { get; set; } = new("https://api.limecall.com/");

    /// <summary>Gets or sets the API token sent as <c>Authorization: Bearer</c>. Never logged or shown in exceptions.</summary>
    /// <value>Required.</value>
    public string? ApiToken { get; set; }

    /// <summary>Gets or sets how long one attempt may take; past it the outcome is unknown and the call is not retried.</summary>
    /// <value>Default 10 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the budget for a whole call, retries and waits included.</summary>
    /// <value>Default 30 seconds.</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many times a call is retried when that is safe (never sent, or 429/503).</summary>
    /// <value>Default 3.</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the first retry's delay; later ones grow exponentially, with jitter.</summary>
    /// <value>Default 200 milliseconds.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets the <c>User-Agent</c> product sent with every request.</summary>
    /// <value>Default <c>LimeCall.Sdk.NET/0.1</c>.</value>
    public string UserAgent { get; set; } = "LimeCall.Sdk.NET/0.1";

    internal static bool IsAllowedAddress(Uri uri)
        => uri.IsAbsoluteUri && (string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal) || (string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.Ordinal) && uri.IsLoopback));

    internal IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(ApiToken))
        {
            yield return "LimeCall:ApiToken is required.";
        }

        if (BaseAddress is null || !IsAllowedAddress(BaseAddress))
        {
            yield return "LimeCall:BaseAddress must be an absolute HTTPS address (plain HTTP only for loopback).";
        }

        if (AttemptTimeout <= TimeSpan.Zero || TotalTimeout < AttemptTimeout)
        {
            yield return "LimeCall:AttemptTimeout must be positive and no longer than TotalTimeout.";
        }

        if (string.IsNullOrWhiteSpace(UserAgent) || !IsValidUserAgent(UserAgent))
        {
            yield return "LimeCall:UserAgent must be a valid User-Agent header value (product/version ...).";
        }

        if (MaxRetries is < 0 or > 10 || RetryBaseDelay < TimeSpan.Zero)
        {
            yield return "LimeCall:MaxRetries must be 0 to 10 and RetryBaseDelay not negative.";
        }
    }

    private static bool IsValidUserAgent(string value)
    {
        using var probe = new HttpRequestMessage();
        return probe.Headers.UserAgent.TryParseAdd(value);
    }
}
