namespace LimeCall.Sdk.Inbox;

/// <summary>A verified webhook delivery to keep until it is processed: the raw body and what ordering needs.</summary>
/// <remarks>A plain class with <c>init</c> members, so it can gain members without breaking callers.</remarks>
public sealed class InboxMessage
{
    /// <summary>Gets the key the event is deduplicated by: <c>LimeCallEvent.IdempotencyKey</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the canonical event type, for example <c>call.missed</c>.</summary>
    public required string EventType { get; init; }

    /// <summary>Gets the body exactly as received, so the processor parses what was signed.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Gets the key events are kept in order by (the call id, or the message id); <see langword="null"/> for none.</summary>
    public string? OrderingKey { get; init; }

    /// <summary>Gets when the event occurred; events of one ordering key are handled in this order (arrival order when absent).</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>Gets the earliest time the event may be handled (a hold window for ordering); <see langword="null"/> for now.</summary>
    public DateTimeOffset? NotBefore { get; init; }
}
