namespace LimeCall.Sdk.Webhooks;

/// <summary>Why a webhook payload could not be turned into an event.</summary>
public enum LimeCallPayloadError
{
    /// <summary>Parsing succeeded; used as the error value of a successful <c>TryParse</c>.</summary>
    None = 0,

    /// <summary>The payload is empty.</summary>
    Empty = 1,

    /// <summary>The payload is not well-formed UTF-8 JSON.</summary>
    NotJson = 2,

    /// <summary>The payload is JSON but its top-level value is not an object.</summary>
    NotAnObject = 3,

    /// <summary>The payload nests deeper than the configured maximum depth.</summary>
    TooDeep = 4,

    /// <summary>The payload is larger than the configured maximum size.</summary>
    TooLarge = 5,

    /// <summary>No event type was found in <c>event</c>, <c>type</c> or <c>event_type</c>, or it was not a non-empty string.</summary>
    TypeMissing = 6,

    /// <summary>A value could not be read even tolerantly (for example text that is not valid UTF-8).</summary>
    InvalidValue = 7,

    /// <summary>
    /// An object of the payload names the same member twice (for example two <c>id</c>s). JSON leaves the meaning
    /// open and parsers disagree on which one wins, so the payload is refused rather than read one way here and
    /// another way elsewhere.
    /// </summary>
    DuplicateProperty = 8,
}
