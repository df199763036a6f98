using LimeCall.Sdk.Idempotency;

namespace LimeCall.Sdk.Inbox;

/// <summary>An inbox event leased to one worker: its delivery, and the token that proves the lease.</summary>
/// <remarks>Complete, retry, dead-letter or release it with the same inbox; only the lease's holder can, while it holds it.</remarks>
public sealed class LeasedInboxEvent
{
    /// <summary>Gets the event's position in the inbox (arrival order).</summary>
    public required long Id { get; init; }

    /// <summary>Gets the key the event is deduplicated by.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the canonical event type.</summary>
    public required string EventType { get; init; }

    /// <summary>Gets the body exactly as received.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Gets the ordering key, if any.</summary>
    public string? OrderingKey { get; init; }

    /// <summary>Gets when the event occurred, if the payload said.</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>Gets when the inbox stored it.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Gets which attempt this lease is: 1 the first time.</summary>
    public required int Attempt { get; init; }

    /// <summary>
    /// Gets whether a later event of the same ordering key was already handled when this one was leased: it arrived (or
    /// was retried) too late to be handled in order.
    /// </summary>
    public required bool ArrivedOutOfOrder { get; init; }

    /// <summary>Gets the token that proves the lease.</summary>
    public required IdempotencyClaimToken LeaseToken { get; init; }

    /// <summary>Gets when the lease ends unless renewed; after it another worker may take the event.</summary>
    public required DateTimeOffset LeaseExpiresAt { get; init; }

    /// <summary>Names the event by id, type and attempt only: the body stays out of logs.</summary>
    /// <returns>For example <c>LeasedInboxEvent { Id = 42, Type = call.missed, Attempt = 1 }</c>.</returns>
    public override string ToString() => $"LeasedInboxEvent {{ Id = {Id}, Type = {EventType}, Attempt = {Attempt} }}";
}
