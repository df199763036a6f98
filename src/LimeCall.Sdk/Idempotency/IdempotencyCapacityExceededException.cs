namespace LimeCall.Sdk.Idempotency;

/// <summary>
/// A bounded idempotency store could not take a new key because every entry it holds is a claim in
/// progress, which it never evicts. Answer the delivery with a retryable status (503).
/// </summary>
public sealed class IdempotencyCapacityExceededException : LimeCallException
{
    /// <summary>Creates the exception.</summary>
    public IdempotencyCapacityExceededException()
        : base("The idempotency store is full of claims in progress; retry later or raise its capacity.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public IdempotencyCapacityExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public IdempotencyCapacityExceededException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
