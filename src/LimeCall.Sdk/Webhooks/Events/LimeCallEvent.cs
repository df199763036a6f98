using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LimeCall.Sdk.Webhooks.Serialization;

namespace LimeCall.Sdk.Webhooks.Events;

/// <summary>
/// A LimeCall webhook event: the envelope every event type shares (<see cref="Id"/>, <see cref="Type"/>,
/// <see cref="Timestamp"/>, the payload as received) and its typed <see cref="Data"/>, whichever shape (enveloped or
/// flat) and whichever type alias it arrived with.
/// </summary>
/// <remarks>
/// <para>Envelope and data are separate objects so that each is plain: the data record is exactly the JSON contract of
/// the payload's data (a data member called <c>id</c> or <c>type</c> is data, never confused with the envelope's), and
/// the envelope is built once, by the parser, with its idempotency key computed at most once. docs/receiving.md says
/// why the SDK chose this shape over one flat record per event.</para>
/// <para>Equality covers the content: id, type, timestamp, unknown envelope members (compared as JSON) and the data. It
/// ignores how the event was delivered: <see cref="RawJson"/> and <see cref="ReceivedType"/>.</para>
/// </remarks>
public sealed class LimeCallEvent : IEquatable<LimeCallEvent>
{
    // SearchValues, not ContainsAnyInRange: the range overload allocated 96 bytes per call (measured), on every delivery.
    private static readonly System.Buffers.SearchValues<char> ControlCharacters =
        System.Buffers.SearchValues.Create("\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private string? _idempotencyKey;

    /// <summary>Creates an event of a known type, for example to send it with the reference sender.</summary>
    /// <param name="data">The event's data; its record type names the event type.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> is an <see cref="UnknownLimeCallEvent"/>, whose type must be given.</exception>
    public LimeCallEvent(LimeCallEventData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!EventContract.CanonicalTypes.TryGetValue(data.GetType(), out var canonical))
        {
            throw new ArgumentException("An unknown event's type must be given: use the constructor that takes the type.", nameof(data));
        }

        Data = data;
        Type = canonical;
        ReceivedType = canonical;
    }

    /// <summary>Creates an event with the type string it is sent with: an alias, or a type this SDK does not know.</summary>
    /// <param name="type">The type, for example <c>missed_call</c>; for a known type it must name <paramref name="data"/>'s type.</param>
    /// <param name="data">The event's data; an <see cref="UnknownLimeCallEvent"/> exactly when <paramref name="type"/> is not a known type.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="type"/> is blank, or names another event type than <paramref name="data"/>.</exception>
    public LimeCallEvent(string type, LimeCallEventData data)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(data);
        var known = LimeCallEventTypes.TryGetCanonical(type, out var canonical);
        var expected = known ? EventContract.ClrTypes[canonical!] : typeof(UnknownLimeCallEvent);
        if (data.GetType() != expected)
        {
            throw new ArgumentException($"The type '{type.Trim()}' needs data of type {expected.Name}, not {data.GetType().Name}.", nameof(data));
        }

        Data = data;
        ReceivedType = type.Trim();
        Type = canonical ?? ReceivedType;
    }

    /// <summary>The parser's constructor: what it read from the envelope, and the bytes it read it from.</summary>
    internal LimeCallEvent(LimeCallEventData data, string receivedType, string? canonicalType, ReadOnlyMemory<byte> rawJson)
    {
        Data = data;
        ReceivedType = receivedType;
        Type = canonicalType ?? receivedType;
        RawJson = rawJson;
    }

    /// <summary>Gets the unique event id (<c>id</c>, <c>event_id</c> or <c>webhook_id</c>), when the payload has one.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the canonical event type, for example <c>call.missed</c>; for an unknown event, the type as received.</summary>
    public string Type { get; }

    /// <summary>Gets the type string exactly as the payload gave it (trimmed), for example <c>missed_call</c>.</summary>
    public string ReceivedType { get; }

    /// <summary>Gets when the event occurred (<c>timestamp</c>, <c>created_at</c> or <c>occurred_at</c>; ISO 8601 or Unix seconds), when given.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Gets the event's typed data: a sealed record such as <see cref="CallMissedEvent"/>, or <see cref="UnknownLimeCallEvent"/>.</summary>
    public LimeCallEventData Data { get; }

    /// <summary>Gets unknown top-level properties of an enveloped payload (beside <c>id</c>, <c>event</c>, <c>timestamp</c> and <c>data</c>).</summary>
    public IReadOnlyDictionary<string, JsonElement>? EnvelopeProperties { get; init; }

    /// <summary>Gets the payload exactly as received (UTF-8 JSON); empty for an event built in code.</summary>
    public ReadOnlyMemory<byte> RawJson { get; }

    /// <summary>
    /// Gets the key that identifies this event across retries and redeliveries: the event id when there is one,
    /// otherwise <c>sha256:</c> and the hex SHA-256 of the raw body (a retry re-sends the same bytes; an event built in
    /// code hashes its canonical serialization). An id longer than <see cref="Idempotency.IdempotencyKey.MaxValueLength"/>
    /// characters, or holding a control character, is replaced by <c>sha256-id:</c> and the hex SHA-256 of its UTF-8
    /// bytes, so every key fits every store. Computed on first read, then kept.
    /// </summary>
    public string IdempotencyKey => _idempotencyKey ??= ComputeIdempotencyKey();

    /// <summary>
    /// Gets the key this event is kept in order by, among the events LimeCall sends for the same thing: the call id for
    /// call, callback and agent-assignment events, the message id for SMS and message events; <see langword="null"/> for the
    /// others (leads, contacts, lists, unknown types), which have no order to keep.
    /// </summary>
    public string? OrderingKey => Data switch
    {
        CallEvent { CallId: { Length: > 0 } callId } => callId,
        AgentAssignedEvent { CallId: { Length: > 0 } callId } => callId,
        MessageEvent { MessageId: { Length: > 0 } messageId } => messageId,
        _ => null,
    };

    /// <summary>Returns the data as <typeparamref name="TData"/>.</summary>
    /// <typeparam name="TData">The expected data record, or a base record such as <see cref="CallEvent"/>.</typeparam>
    /// <returns>The data.</returns>
    /// <exception cref="InvalidOperationException">The data is of another type; the message names both types, never a value.</exception>
    public TData GetData<TData>()
        where TData : LimeCallEventData
        => Data as TData ?? throw new InvalidOperationException($"The event '{Type}' carries {Data.GetType().Name}, not {typeof(TData).Name}.");

    /// <inheritdoc />
    public bool Equals(LimeCallEvent? other)
        => ReferenceEquals(this, other)
            || (other is not null
                && string.Equals(Id, other.Id, StringComparison.Ordinal)
                && string.Equals(Type, other.Type, StringComparison.Ordinal)
                && Timestamp == other.Timestamp
                && JsonProperties.AreEqual(EnvelopeProperties, other.EnvelopeProperties)
                && Data.Equals(other.Data));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LimeCallEvent);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Type, Timestamp, Data);

    /// <summary>Names the event by type, id and time only: payload values (phone numbers, names, message text) stay out of logs.</summary>
    /// <returns>For example <c>LimeCallEvent { Type = call.missed, Id = evt_1, Timestamp = 2025-01-30T15:00:00.0000000+00:00 }</c>.</returns>
    public override string ToString()
        => $"LimeCallEvent {{ Type = {Type}, Id = {Id}, Timestamp = {Timestamp?.ToString("O", CultureInfo.InvariantCulture)} }}";

    private string ComputeIdempotencyKey()
    {
        if (Id is { Length: > 0 } id)
        {
            return id.Length <= Idempotency.IdempotencyKey.MaxValueLength && !id.AsSpan().ContainsAny(ControlCharacters)
                ? id
                : "sha256-id:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        }

        var body = RawJson.IsEmpty ? LimeCallEventSerializer.Default.Serialize(this) : RawJson;
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body.Span));
    }
}
