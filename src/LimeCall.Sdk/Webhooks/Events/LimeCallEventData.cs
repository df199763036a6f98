using System.Text.Json;
using System.Text.Json.Serialization;
using LimeCall.Sdk.Webhooks.Serialization;

namespace LimeCall.Sdk.Webhooks.Events;

/// <summary>
/// The data of a LimeCall event: what its <c>data</c> object (or, in a flat payload, every member beside the
/// envelope's) holds. Each event type has a sealed record, for example <see cref="CallMissedEvent"/>; the envelope
/// (id, type, time, raw payload) is the <see cref="LimeCallEvent"/> that carries it.
/// </summary>
/// <remarks>
/// Records, so tests can build variants with <c>with</c>; equality covers every typed member and the unknown
/// properties (compared as JSON). <see cref="ToString"/> names only the record type: data holds phone numbers, names
/// and message text, which must not reach a log line by accident.
/// </remarks>
public abstract record LimeCallEventData
{
    /// <summary>Only the SDK defines event records, so every one has a generated JSON contract.</summary>
    private protected LimeCallEventData()
    {
    }

    private IDictionary<string, JsonElement>? _additionalProperties;
    private UnreadMembers? _unread;

    /// <summary>
    /// Gets or sets the properties this version of the SDK does not map to a typed member. They are kept, compared and
    /// written back when the event is serialized; a data member called <c>id</c> or <c>type</c> is one of them.
    /// </summary>
    /// <remarks>
    /// For a parsed event they are read from <see cref="LimeCallEvent.RawJson"/> the first time this is read (once, safely
    /// from several threads), so an event whose unknown members nobody reads does not pay for them.
    /// </remarks>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties
    {
        get => _unread is { } unread ? unread.Members : _additionalProperties;
        set
        {
            _additionalProperties = value;
            _unread = null;
        }
    }

    /// <summary>The parser's hand-over: the unknown members, not read yet.</summary>
    internal void KeepUnread(UnreadMembers unread) => _unread = unread;

    /// <inheritdoc />
    public virtual bool Equals(LimeCallEventData? other)
        => ReferenceEquals(this, other)
            || (other is not null
                && EqualityContract == other.EqualityContract
                && JsonProperties.AreEqual(AdditionalProperties, other.AdditionalProperties));

    /// <inheritdoc />
    public override int GetHashCode() => EqualityContract.GetHashCode();

    /// <summary>Names the record type only: payload values stay out of logs.</summary>
    /// <returns>For example <c>CallMissedEvent</c>.</returns>
    public sealed override string ToString() => GetType().Name;
}
