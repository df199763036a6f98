namespace LimeCall.Sdk.Client;

/// <summary>The request was invalid: rejected by the client before sending, or by the API (400 or 422). Correct it; retrying as is will not help.</summary>
public sealed class LimeCallValidationException : LimeCallApiException
{
    /// <summary>Creates the exception.</summary>
    public LimeCallValidationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public LimeCallValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Gets the request property that was invalid, when the client found it before sending.</summary>
    public string? ParameterName { get; internal set; }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LimeCallValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
