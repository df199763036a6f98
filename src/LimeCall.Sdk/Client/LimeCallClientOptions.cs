using System.ComponentModel.DataAnnotations;

namespace LimeCall.Sdk.Client;

/// <summary>How a <see cref="LimeCallClient"/> reaches the API, authenticates and retries; bound from the <c>LimeCall</c> section.</summary>
public sealed class LimeCallClientOptions : IValidatableObject
{
    /// <summary>Gets the configuration section the options bind from: <c>LimeCall</c>.</summary>
    public static string SectionName => "LimeCall";

    /// <summary>Gets or sets the API's base address. HTTPS is required, except for loopback (an emulator).</summary>
    /// <value>Default <c>https://api.limecall.com/</c>, the documented API host.</value>
    public Uri BaseAddress { get; set; } = new("https://api.limecall.com/");

    /// <summary>Gets or sets the API token sent as <c>Authorization: Bearer</c>. Never logged or shown in exceptions.</summary>
    /// <value>Required.</value>
    public string? ApiToken { get; set; }

    /// <summary>Gets or sets how long one attempt may take; past it the outcome is unknown and the call is not retried.</summary>
    /// <value>Default 10 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets the budget for a whole call, retries and waits included: a retry whose wait would not end inside it
    /// is not made, and the call fails with the last attempt's error.
    /// </summary>
    /// <value>Default 30 seconds; at most one day.</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many times a call is retried when that is safe (never sent, or 429/503).</summary>
    /// <value>Default 3.</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// Gets or sets the first retry's backoff: it waits between half and all of it, and each later retry's range doubles
    /// (jitter, so clients that failed together do not retry together). A <c>Retry-After</c> from LimeCall replaces it.
    /// </summary>
    /// <value>Default 200 milliseconds.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets the <c>User-Agent</c> product sent with every request.</summary>
    /// <value>Default <c>LimeCall.Sdk.NET/0.1</c>.</value>
    public string UserAgent { get; set; } = "LimeCall.Sdk.NET/0.1";

    internal static bool IsAllowedAddress(Uri uri)
        => uri.IsAbsoluteUri && (string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal) || (string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.Ordinal) && uri.IsLoopback));

    /// <summary>Checks every rule: a token, an HTTPS address, timeouts that fit, a valid <c>User-Agent</c>, bounded retries.</summary>
    /// <param name="validationContext">The context (unused).</param>
    /// <returns>What is wrong, naming the setting and never its value; nothing when the options are valid.</returns>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ApiToken))
        {
            yield return new ValidationResult("LimeCall:ApiToken is required.", [nameof(ApiToken)]);
        }

        if (BaseAddress is null || !IsAllowedAddress(BaseAddress))
        {
            yield return new ValidationResult("LimeCall:BaseAddress must be an absolute HTTPS address (plain HTTP only for loopback).", [nameof(BaseAddress)]);
        }

        if (AttemptTimeout <= TimeSpan.Zero || TotalTimeout < AttemptTimeout)
        {
            yield return new ValidationResult("LimeCall:AttemptTimeout must be positive and no longer than TotalTimeout.", [nameof(AttemptTimeout)]);
        }

        // A day is past any call worth waiting for, and keeps the call's deadline (now + budget) representable.
        if (TotalTimeout > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("LimeCall:TotalTimeout must be at most one day.", [nameof(TotalTimeout)]);
        }

        if (string.IsNullOrWhiteSpace(UserAgent) || !IsValidUserAgent(UserAgent))
        {
            yield return new ValidationResult("LimeCall:UserAgent must be a valid User-Agent header value (product/version ...).", [nameof(UserAgent)]);
        }

        if (MaxRetries is < 0 or > 10 || RetryBaseDelay < TimeSpan.Zero)
        {
            yield return new ValidationResult("LimeCall:MaxRetries must be 0 to 10 and RetryBaseDelay not negative.", [nameof(MaxRetries)]);
        }
    }

    private static bool IsValidUserAgent(string value)
    {
        using var probe = new HttpRequestMessage();
        return probe.Headers.UserAgent.TryParseAdd(value);
    }
}
