namespace LimeCall.Sdk.Client;

/// <summary>
/// A LimeCall API call failed. Carries what the API said (status, message, details, request id,
/// <c>Retry-After</c>) and never the API token.
/// </summary>
public class LimeCallApiException : LimeCallException
{
    /// <summary>Creates an exception.</summary>
    public LimeCallApiException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public LimeCallApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LimeCallApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the HTTP status, or <see langword="null"/> when there was no answer.</summary>
    public int? StatusCode { get; internal set; }

    /// <summary>Gets the API's <c>message</c>, when it sent one.</summary>
    public string? ErrorMessage { get; internal set; }

    /// <summary>Gets the API's <c>details</c>, when it sent them.</summary>
    public string? Details { get; internal set; }

    /// <summary>Gets the API's request id (<c>X-Request-Id</c>), for support.</summary>
    public string? RequestId { get; internal set; }

    /// <summary>Gets how long the API asked the caller to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; internal set; }

    /// <summary>Gets the idempotency key the call was sent with.</summary>
    public string? IdempotencyKey { get; internal set; }
}
