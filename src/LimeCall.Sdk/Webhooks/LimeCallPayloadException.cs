namespace LimeCall.Sdk.Webhooks;

/// <summary>
/// A webhook payload could not be parsed into an event. <see cref="Error"/> says why; the message never
/// repeats any of the payload, so it is safe to log and to return to a sender.
/// </summary>
public sealed class LimeCallPayloadException : LimeCallException
{
    /// <summary>Creates an exception for a parse failure.</summary>
    /// <param name="error">Why parsing failed.</param>
    public LimeCallPayloadException(LimeCallPayloadError error)
        : this(error, innerException: null)
    {
    }

    /// <summary>Creates an exception for a parse failure with the exception that caused it.</summary>
    /// <param name="error">Why parsing failed.</param>
    /// <param name="innerException">The cause; its message is not repeated in this one.</param>
    public LimeCallPayloadException(LimeCallPayloadError error, Exception? innerException)
        : base(Describe(error), innerException)
    {
        Error = error;
    }

    /// <summary>Gets why parsing failed.</summary>
    public LimeCallPayloadError Error { get; }

    internal static string Describe(LimeCallPayloadError error) => error switch
    {
        LimeCallPayloadError.Empty => "The webhook payload is empty.",
        LimeCallPayloadError.NotJson => "The webhook payload is not well-formed UTF-8 JSON.",
        LimeCallPayloadError.NotAnObject => "The webhook payload is not a JSON object.",
        LimeCallPayloadError.TooDeep => "The webhook payload nests deeper than the configured maximum depth.",
        LimeCallPayloadError.TooLarge => "The webhook payload is larger than the configured maximum size.",
        LimeCallPayloadError.TypeMissing => "The webhook payload names no event type in 'event', 'type' or 'event_type'.",
        LimeCallPayloadError.InvalidValue => "The webhook payload contains a value that cannot be read.",
        _ => "The webhook payload could not be parsed.",
    };
}
