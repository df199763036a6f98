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
    /// The wait before the next attempt, or <see langword="null"/> when there is none: retrying is safe only when the
    /// request was never sent, or the server said it did not process it (429, 503); and the wait (the server's
    /// <c>Retry-After</c>, or the backoff) must end inside the call's <paramref name="remaining"/> budget, whatever the
    /// reason for the retry. Not safe: a timeout after sending, a dropped response, any other status.
    /// </summary>
    /// <param name="outcome">The attempt's outcome.</param>
    /// <param name="attempt">The attempt that failed, from 0.</param>
    /// <param name="remaining">What is left of the call's budget.</param>
    /// <param name="baseDelay">The first retry's backoff.</param>
    /// <param name="now">The clock's time, for a <c>Retry-After</c> date.</param>
    /// <param name="random">A draw in [0, 1) for the jitter.</param>
    /// <returns>The wait, or <see langword="null"/> for no retry.</returns>
    public static TimeSpan? RetryWait(Outcome<HttpResponseMessage> outcome, int attempt, TimeSpan remaining, TimeSpan baseDelay, DateTimeOffset now, double random)
    {
        TimeSpan wait;
        if (outcome.Exception is HttpRequestException exception)
        {
            if (!NeverSent(exception))
            {
                return null;
            }

            wait = Backoff(attempt, baseDelay, random);
        }
        else if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } response)
        {
            wait = RetryAfter(response, now) ?? Backoff(attempt, baseDelay, random);
        }
        else
        {
            return null;
        }

        return wait < remaining ? wait : null;
    }

    /// <summary>
    /// Exponential with jitter: retry <paramref name="attempt"/> (from 0) waits between half and all of
    /// <paramref name="baseDelay"/> × 2^<paramref name="attempt"/>, so clients that failed together do not retry together.
    /// </summary>
    /// <remarks>
    /// Ours, not Polly's backoff: Polly draws its delay after <c>ShouldHandle</c> has decided, and the decision needs the
    /// wait to know whether it fits the call's budget. Saturates at <see cref="TimeSpan.MaxValue"/> (which never fits).
    /// </remarks>
    /// <param name="attempt">The attempt that failed, from 0.</param>
    /// <param name="baseDelay">The first retry's full delay.</param>
    /// <param name="random">A draw in [0, 1).</param>
    /// <returns>The wait.</returns>
    public static TimeSpan Backoff(int attempt, TimeSpan baseDelay, double random)
    {
        var ticks = baseDelay.Ticks * Math.Pow(2, attempt) * (0.5 + (random / 2));
        return ticks < TimeSpan.MaxValue.Ticks ? TimeSpan.FromTicks((long)ticks) : TimeSpan.MaxValue;
    }

    /// <summary>The server's <c>Retry-After</c>, seconds or an HTTP date, as a delay from <paramref name="now"/>.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, DateTimeOffset now) => response?.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
