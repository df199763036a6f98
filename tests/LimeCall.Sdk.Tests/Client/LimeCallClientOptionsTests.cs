using LimeCall.Sdk.Client;
using LimeCall.Sdk.TestKit;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.Tests.Client;

/// <summary>The client's options are checked exactly at their edges, and each refusal names the setting, never its value.</summary>
public sealed class LimeCallClientOptionsTests
{
    private const string Token = "tok_OPTIONS_SECRET_VALUE";

    public static TheoryData<string, Action<LimeCallClientOptions>, string?> Edges() => new()
    {
        { "defaults with a token", _ => { }, null },
        { "no token", o => o.ApiToken = " ", "LimeCall:ApiToken is required." },
        { "plain HTTP off loopback", o => o.BaseAddress = new Uri("http://api.limecall.com/"), "LimeCall:BaseAddress must be an absolute HTTPS address (plain HTTP only for loopback)." },
        { "plain HTTP on loopback", o => o.BaseAddress = new Uri("http://127.0.0.1:5000/"), null },
        { "attempt timeout of one tick", o => o.AttemptTimeout = TimeSpan.FromTicks(1), null },
        { "attempt timeout of zero", o => o.AttemptTimeout = TimeSpan.Zero, "LimeCall:AttemptTimeout must be positive and no longer than TotalTimeout." },
        { "attempt as long as the whole call", o => (o.AttemptTimeout, o.TotalTimeout) = (TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20)), null },
        { "attempt longer than the whole call", o => (o.AttemptTimeout, o.TotalTimeout) = (TimeSpan.FromSeconds(21), TimeSpan.FromSeconds(20)), "LimeCall:AttemptTimeout must be positive and no longer than TotalTimeout." },
        { "a whole call of one day", o => o.TotalTimeout = TimeSpan.FromDays(1), null },
        { "a whole call of a day and a tick", o => o.TotalTimeout = TimeSpan.FromDays(1) + TimeSpan.FromTicks(1), "LimeCall:TotalTimeout must be at most one day." },
        { "a whole call too long for a date", o => o.TotalTimeout = TimeSpan.MaxValue, "LimeCall:TotalTimeout must be at most one day." },
        { "user agent that is not a product", o => o.UserAgent = "my app (v1", "LimeCall:UserAgent must be a valid User-Agent header value (product/version ...)." },
        { "no retries", o => o.MaxRetries = 0, null },
        { "ten retries", o => o.MaxRetries = 10, null },
        { "eleven retries", o => o.MaxRetries = 11, "LimeCall:MaxRetries must be 0 to 10 and RetryBaseDelay not negative." },
        { "negative retries", o => o.MaxRetries = -1, "LimeCall:MaxRetries must be 0 to 10 and RetryBaseDelay not negative." },
        { "no retry delay", o => o.RetryBaseDelay = TimeSpan.Zero, null },
        { "negative retry delay", o => o.RetryBaseDelay = TimeSpan.FromTicks(-1), "LimeCall:MaxRetries must be 0 to 10 and RetryBaseDelay not negative." },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void Options_AreValidatedExactlyAtTheirEdges(string because, Action<LimeCallClientOptions> configure, string? failure)
    {
        var options = new LimeCallClientOptions { ApiToken = Token };
        configure(options);

        var result = OptionsEdges.AssertValidation(new LimeCallClientOptionsValidator(), options, failure, because);

        Assert.DoesNotContain(Token, result.FailureMessage ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RefusesNullArgumentsByName()
    {
        var options = Options.Create(new LimeCallClientOptions { ApiToken = Token });
        using var http = new HttpClient();

        Assert.Equal("httpClient", Assert.Throws<ArgumentNullException>(() => new LimeCallClient(null!, options)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new LimeCallClient(http, null!)).ParamName);
    }
}
