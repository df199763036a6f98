namespace LimeCall.Sdk.Inbox;

/// <summary>An event whose handlers failed on every attempt: kept, with its last error, until requeued or purged.</summary>
public sealed class DeadLetteredEvent
{
    /// <summary>Gets the event's position in the inbox; requeue it by this id.</summary>
    public required long Id { get; init; }

    /// <summary>Gets the key the event is deduplicated by.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the canonical event type.</summary>
    public required string EventType { get; init; }

    /// <summary>Gets the ordering key, if any.</summary>
    public string? OrderingKey { get; init; }

    /// <summary>Gets when the inbox stored it.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Gets how many attempts were made.</summary>
    public required int Attempts { get; init; }

    /// <summary>Gets the last attempt's error, as the processor recorded it (an exception type and message, never the body).</summary>
    public string? LastError { get; init; }
}
