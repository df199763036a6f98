namespace LimeCall.Sdk.Client;

/// <summary>The API is rate limiting (429) and the wait it asked for does not fit the time budget. Nothing was created; retry after <see cref="LimeCallApiException.RetryAfter"/>.</summary>
public sealed class LimeCallRateLimitedException : LimeCallApiException
{
    /// <summary>Creates the exception.</summary>
    public LimeCallRateLimitedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public LimeCallRateLimitedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LimeCallRateLimitedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
