namespace LimeCall.Sdk;

/// <summary>
/// The root of every exception this SDK throws for a LimeCall-specific failure, so callers can catch
/// one type. Messages never contain secrets, tokens, signatures or payload content.
/// </summary>
public class LimeCallException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public LimeCallException()
        : base("A LimeCall operation failed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong, without sensitive content.</param>
    public LimeCallException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, without sensitive content.</param>
    /// <param name="innerException">The cause.</param>
    public LimeCallException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
