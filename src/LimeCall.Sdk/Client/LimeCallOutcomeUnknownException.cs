namespace LimeCall.Sdk.Client;

/// <summary>The request may have reached LimeCall, but no answer says whether it was processed (timeout after sending, dropped connection, a 5xx other than 503). It was not retried, so a customer is never called twice; reconcile using <see cref="LimeCallApiException.IdempotencyKey"/> (sending the same key again is safe).</summary>
public sealed class LimeCallOutcomeUnknownException : LimeCallApiException
{
    /// <summary>Creates the exception.</summary>
    public LimeCallOutcomeUnknownException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public LimeCallOutcomeUnknownException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LimeCallOutcomeUnknownException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
