using System.Net;
using Polly;

namespace LimeCall.Sdk.Client;

/// <summary>When retrying a call cannot make LimeCall act twice.</summary>
internal static class RetryPolicy
{
    /// <summary>Whether the exception proves the request never reached the server.</summary>
    public static bool NeverSent(HttpRequestException exception)
        => exception.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError;

    /// <summary>
    /// Safe: never sent, or the server said it did not process it (429, 503) and the wait it asks for fits the
    /// remaining budget. Not safe: a timeout after sending, a dropped response, any other status.
    /// </summary>
    public static bool IsSafeToRetry(Outcome<HttpResponseMessage> outcome, TimeSpan remaining, TimeSpan baseDelay, DateTimeOffset now)
    {
        if (outcome.Exception is HttpRequestException exception)
        {
            return NeverSent(exception);
        }

        if (outcome.Result is not { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } response)
        {
            return false;
        }

        return (RetryAfter(response, now) ?? baseDelay) < remaining;
    }

    /// <summary>The server's <c>Retry-After</c>, seconds or an HTTP date, as a delay from <paramref name="now"/>.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, DateTimeOffset now) => response?.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
