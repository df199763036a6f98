using System.Security.Cryptography;
using System.Text.Json.Serialization;
using System.Text.Json;
using LimeCall.Sdk.Webhooks.Serialization;

namespace LimeCall.Sdk.Webhooks.Events;

/// <summary>
/// A LimeCall webhook event: what every event type has in common, whichever shape (enveloped or flat)
/// and whichever type alias it arrived with.
/// </summary>
/// <remarks>
/// <para>The envelope members (<see cref="Id"/>, <see cref="Type"/>, <see cref="Timestamp"/>, ...) are not part of the
/// event's data contract: a data field that happens to be called <c>id</c> or <c>type</c> is kept in
/// <see cref="AdditionalProperties"/>.</para>
/// Equality covers the event's content: its type, id, timestamp, typed fields and unknown fields
/// (compared as JSON). It ignores how the event was delivered: <see cref="RawJson"/>,
/// <see cref="ReceivedType"/> and a derived <see cref="IdempotencyKey"/>.
/// </remarks>
public abstract record LimeCallEvent
{
    // SearchValues, not ContainsAnyInRange: the range overload allocated 96 bytes per call (measured), on every delivery.
    private static readonly System.Buffers.SearchValues<char> ControlCharacters =
        System.Buffers.SearchValues.Create("\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private string? _id;
    private string? _receivedType;
    private DateTimeOffset? _timestamp;
    private ReadOnlyMemory<byte> _rawJson;
    private IReadOnlyDictionary<string, JsonElement>? _envelopeProperties;

    /// <summary>Only the SDK defines event records, so every event has a generated JSON contract.</summary>
    private protected LimeCallEvent()
    {
    }

    /// <summary>Gets the unique event id (<c>id</c>, <c>event_id</c> or <c>webhook_id</c>), when the payload has one.</summary>
    [JsonIgnore]
    public string? Id
    {
        get => _id;
        init => _id = value;
    }

    /// <summary>Gets the canonical event type, for example <c>call.missed</c>; for an unknown event, the type as received.</summary>
    [JsonIgnore]
    public string Type => CanonicalType ?? ReceivedType;

    /// <summary>Gets the type string exactly as the payload gave it, for example <c>missed_call</c>; defaults to <see cref="Type"/>.</summary>
    [JsonIgnore]
    public string ReceivedType
    {
        get => _receivedType ?? CanonicalType ?? string.Empty;
        init => _receivedType = value;
    }

    /// <summary>Gets when the event occurred (<c>timestamp</c>, <c>created_at</c> or <c>occurred_at</c>; ISO 8601 or Unix seconds), when given.</summary>
    [JsonIgnore]
    public DateTimeOffset? Timestamp
    {
        get => _timestamp;
        init => _timestamp = value;
    }

    /// <summary>Gets the payload exactly as received (UTF-8 JSON); empty for an event built in code.</summary>
    [JsonIgnore]
    public ReadOnlyMemory<byte> RawJson
    {
        get => _rawJson;
        init => _rawJson = value;
    }

    /// <summary>
    /// Gets the key that identifies this event across retries and redeliveries: the event id when there is one,
    /// otherwise <c>sha256:</c> and the hex SHA-256 of the raw body (a retry re-sends the same bytes). An id longer
    /// than <see cref="Idempotency.IdempotencyKey.MaxValueLength"/> characters, or holding a control character, is
    /// replaced by <c>sha256-id:</c> and the hex SHA-256 of its UTF-8 bytes, so every key fits every store.
    /// </summary>
    [JsonIgnore]
    public string IdempotencyKey
    {
        get
        {
            if (Id is { Length: > 0 } id)
            {
                return id.Length <= Idempotency.IdempotencyKey.MaxValueLength && !id.AsSpan().ContainsAny(ControlCharacters)
                    ? id
                    : "sha256-id:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)));
            }

            var body = RawJson.IsEmpty ? LimeCallEventSerializer.Default.Serialize(this) : RawJson;
            return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body.Span));
        }
    }

    /// <summary>
    /// Gets the properties of the event's data (or of a flat payload) that this version of the SDK does
    /// not map to a typed property. They are kept, compared and written back when the event is serialized.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Gets unknown top-level properties of an enveloped payload (beside <c>id</c>, <c>event</c>, <c>timestamp</c> and <c>data</c>).</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement>? EnvelopeProperties
    {
        get => _envelopeProperties;
        init => _envelopeProperties = value;
    }

    /// <summary>Gets the canonical type this record stands for; <see langword="null"/> for an unknown event.</summary>
    protected abstract string? CanonicalType { get; }

    /// <inheritdoc />
    public virtual bool Equals(LimeCallEvent? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null
            && EqualityContract == other.EqualityContract
            && string.Equals(Id, other.Id, StringComparison.Ordinal)
            && string.Equals(Type, other.Type, StringComparison.Ordinal)
            && Timestamp == other.Timestamp
            && JsonProperties.AreEqual(AdditionalProperties, other.AdditionalProperties)
            && JsonProperties.AreEqual(EnvelopeProperties, other.EnvelopeProperties);
    }

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(EqualityContract, Id, Type, Timestamp);

    /// <summary>Sets what the parser read from the envelope, without the copy a <c>with</c> expression makes.</summary>
    internal void SetEnvelope(string? id, string receivedType, DateTimeOffset? timestamp, ReadOnlyMemory<byte> rawJson, IReadOnlyDictionary<string, JsonElement>? envelopeProperties)
    {
        _id = id;
        _receivedType = receivedType;
        _timestamp = timestamp;
        _rawJson = rawJson;
        _envelopeProperties = envelopeProperties;
    }

    /// <summary>Names the event by type, id and time only: payload values (phone numbers, names, message text) stay out of logs.</summary>
    /// <returns>For example <c>CallMissedEvent { Type = call.missed, Id = evt_1, Timestamp = 2025-01-30T15:00:00.0000000+00:00 }</c>.</returns>
    public sealed override string ToString()
        => $"{GetType().Name} {{ Type = {Type}, Id = {Id}, Timestamp = {Timestamp?.ToString("O", System.Globalization.CultureInfo.InvariantCulture)} }}";
}
