namespace LimeCall.Sdk.Client;

/// <summary>The API token was missing, wrong or not allowed (401 or 403). Retrying will not help.</summary>
public sealed class LimeCallAuthenticationException : LimeCallApiException
{
    /// <summary>Creates the exception.</summary>
    public LimeCallAuthenticationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public LimeCallAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LimeCallAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
