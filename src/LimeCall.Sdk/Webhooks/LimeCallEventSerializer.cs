using System.Buffers;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Serialization.Metadata;
using LimeCall.Sdk.Webhooks.Events;
using LimeCall.Sdk.Webhooks.Serialization;

namespace LimeCall.Sdk.Webhooks;

/// <summary>
/// Turns LimeCall webhook payloads into <see cref="LimeCallEvent"/>s with typed <see cref="LimeCallEvent.Data"/>, and
/// events back into the canonical envelope.
/// </summary>
/// <remarks>
/// <para>
/// Accepted: the enveloped shape (<c>{"id", "event", "timestamp", "data": {...}}</c>) and the flat
/// shape of the outbound-webhook samples (<c>{"event": "missed_call", "call_id": ...}</c>); the type from
/// <c>event</c>, <c>event_type</c> or <c>type</c>, the id from <c>id</c>, <c>event_id</c> or
/// <c>webhook_id</c>, the time from <c>timestamp</c>, <c>created_at</c> or <c>occurred_at</c>, in any
/// position; every type alias, case-insensitively; numbers and booleans sent as text; missing fields,
/// nulls and empty arrays. Unknown properties are kept; an unknown event type parses to an event whose
/// data is <see cref="UnknownLimeCallEvent"/>.
/// </para>
/// <para>Instances are immutable and thread-safe; <see cref="Default"/> suits almost every use.</para>
/// </remarks>
public sealed class LimeCallEventSerializer
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    private readonly int _maxDepth;
    private readonly int _maxPayloadBytes;
    private readonly JsonSerializerOptions _options;
    private readonly FrozenDictionary<string, JsonTypeInfo> _typeInfoByCanonicalType;
    private readonly JsonTypeInfo _unknownTypeInfo;
    private readonly JsonTypeInfo<JsonElement> _elementTypeInfo;

    /// <summary>Creates a serializer with the default limits.</summary>
    public LimeCallEventSerializer()
        : this(new LimeCallEventSerializerOptions())
    {
    }

    /// <summary>Creates a serializer with the given limits.</summary>
    /// <param name="options">The limits; copied, so later changes have no effect.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A limit is outside its allowed range.</exception>
    public LimeCallEventSerializer(LimeCallEventSerializerOptions options)
    {
        OptionsValidation.ThrowIfInvalid(new LimeCallEventSerializerOptionsValidator(), options, nameof(options));

        _maxDepth = options.MaxDepth;
        _maxPayloadBytes = options.MaxPayloadBytes;

        // The typed pass runs after the scan has enforced the depth limit, so it only needs room for it.
        _options = EventContract.CreateOptions(Math.Max(64, _maxDepth + 2));
        _typeInfoByCanonicalType = BuildTypeTable(_options);
        _unknownTypeInfo = _options.GetTypeInfo(typeof(UnknownLimeCallEvent));
        _elementTypeInfo = (JsonTypeInfo<JsonElement>)_options.GetTypeInfo(typeof(JsonElement));
    }

    /// <summary>Gets a serializer with the default limits.</summary>
    public static LimeCallEventSerializer Default { get; } = new();

    /// <summary>Parses a payload held in one span.</summary>
    /// <param name="utf8Json">The raw request body.</param>
    /// <returns>The typed event; an event whose data is <see cref="UnknownLimeCallEvent"/> for a type this version does not know.</returns>
    /// <exception cref="LimeCallPayloadException">The payload is not a LimeCall event; <see cref="LimeCallPayloadException.Error"/> says why.</exception>
    public LimeCallEvent Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.Length > _maxPayloadBytes)
        {
            throw new LimeCallPayloadException(LimeCallPayloadError.TooLarge);
        }

        return ParseCore(utf8Json.ToArray(), out var error, out var cause) ?? throw new LimeCallPayloadException(error, cause);
    }

    /// <summary>Parses a payload that arrived in segments (for example from a <c>PipeReader</c>).</summary>
    /// <param name="utf8Json">The raw request body.</param>
    /// <returns>The typed event; an event whose data is <see cref="UnknownLimeCallEvent"/> for a type this version does not know.</returns>
    /// <exception cref="LimeCallPayloadException">The payload is not a LimeCall event; <see cref="LimeCallPayloadException.Error"/> says why.</exception>
    public LimeCallEvent Parse(in ReadOnlySequence<byte> utf8Json)
    {
        if (utf8Json.Length > _maxPayloadBytes)
        {
            throw new LimeCallPayloadException(LimeCallPayloadError.TooLarge);
        }

        return ParseCore(utf8Json.ToArray(), out var error, out var cause) ?? throw new LimeCallPayloadException(error, cause);
    }

    /// <summary>Parses a payload held in one span, without throwing for bad input.</summary>
    /// <param name="utf8Json">The raw request body.</param>
    /// <param name="webhookEvent">The typed event, when parsing succeeded.</param>
    /// <param name="error">Why parsing failed; <see cref="LimeCallPayloadError.None"/> on success.</param>
    /// <returns><see langword="true"/> when <paramref name="webhookEvent"/> was produced.</returns>
    public bool TryParse(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out LimeCallEvent? webhookEvent, out LimeCallPayloadError error)
    {
        if (utf8Json.Length > _maxPayloadBytes)
        {
            (webhookEvent, error) = (null, LimeCallPayloadError.TooLarge);
            return false;
        }

        webhookEvent = ParseCore(utf8Json.ToArray(), out error, out _);
        return webhookEvent is not null;
    }

    /// <summary>Parses a payload that arrived in segments, without throwing for bad input.</summary>
    /// <param name="utf8Json">The raw request body.</param>
    /// <param name="webhookEvent">The typed event, when parsing succeeded.</param>
    /// <param name="error">Why parsing failed; <see cref="LimeCallPayloadError.None"/> on success.</param>
    /// <returns><see langword="true"/> when <paramref name="webhookEvent"/> was produced.</returns>
    public bool TryParse(in ReadOnlySequence<byte> utf8Json, [NotNullWhen(true)] out LimeCallEvent? webhookEvent, out LimeCallPayloadError error)
    {
        if (utf8Json.Length > _maxPayloadBytes)
        {
            (webhookEvent, error) = (null, LimeCallPayloadError.TooLarge);
            return false;
        }

        webhookEvent = ParseCore(utf8Json.ToArray(), out error, out _);
        return webhookEvent is not null;
    }

    /// <summary>Writes an event as the canonical envelope: <c>{"id", "event", "timestamp", ..., "data": {...}}</c>.</summary>
    /// <param name="webhookEvent">The event.</param>
    /// <returns>The UTF-8 JSON bytes, which <see cref="Parse(ReadOnlySpan{byte})"/> reads back to an equal event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="webhookEvent"/> is <see langword="null"/>.</exception>
    public byte[] Serialize(LimeCallEvent webhookEvent)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        Serialize(webhookEvent, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes an event as the canonical envelope into a buffer.</summary>
    /// <param name="webhookEvent">The event.</param>
    /// <param name="destination">Where to write the UTF-8 JSON.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public void Serialize(LimeCallEvent webhookEvent, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        ArgumentNullException.ThrowIfNull(destination);
        var typeInfo = _options.GetTypeInfo(webhookEvent.Data.GetType());

        using var writer = new Utf8JsonWriter(destination);
        writer.WriteStartObject();
        if (webhookEvent.Id is { } id)
        {
            writer.WriteString("id"u8, id);
        }

        writer.WriteString("event"u8, webhookEvent.Type);
        if (webhookEvent.Timestamp is { } timestamp)
        {
            writer.WritePropertyName("timestamp"u8);
            TolerantJson.WriteDateTimeOffset(writer, timestamp);
        }

        if (webhookEvent.EnvelopeProperties is { } envelope)
        {
            foreach (var (name, value) in envelope)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
        }

        writer.WritePropertyName("data"u8);
        JsonSerializer.Serialize(writer, webhookEvent.Data, typeInfo);
        writer.WriteEndObject();
    }

    private static FrozenDictionary<string, JsonTypeInfo> BuildTypeTable(JsonSerializerOptions options)
        => EventContract.ClrTypes.ToFrozenDictionary(p => p.Key, p => options.GetTypeInfo(p.Value), StringComparer.Ordinal);

    private LimeCallEvent? ParseCore(byte[] raw, out LimeCallPayloadError error, out Exception? cause)
    {
        cause = null;
        var json = raw.AsSpan();
        error = Precheck(ref json);
        if (error != LimeCallPayloadError.None)
        {
            return null;
        }

        EnvelopeScan scan;
        try
        {
            error = EnvelopeScan.Run(json, _maxDepth, out scan);
        }
        catch (JsonException ex)
        {
            (error, cause) = (LimeCallPayloadError.NotJson, ex);
            return null;
        }

        if (error != LimeCallPayloadError.None)
        {
            return null;
        }

        try
        {
            return ReadTyped(raw, json, in scan, out error);
        }
        catch (JsonException ex)
        {
            // Syntax and depth were checked by the scan and every scalar is read tolerantly: what the typed pass
            // can still refuse is a member named twice in an object of the data.
            (error, cause) = (LimeCallPayloadError.DuplicateProperty, ex);
            return null;
        }
        catch (InvalidOperationException ex)
        {
            (error, cause) = (LimeCallPayloadError.InvalidValue, ex);
            return null;
        }
    }

    /// <summary>Pass two: the typed event from a payload the scan has accepted.</summary>
    private LimeCallEvent? ReadTyped(byte[] raw, ReadOnlySpan<byte> json, in EnvelopeScan scan, out LimeCallPayloadError error)
    {
        error = LimeCallPayloadError.None;
        var receivedType = scan.Type!.Trim();
        var typeInfo = LimeCallEventTypes.TryGetCanonical(receivedType, out var canonical)
            ? _typeInfoByCanonicalType[canonical]
            : _unknownTypeInfo;

        LimeCallEventData data;
        IReadOnlyDictionary<string, JsonElement>? envelope = null;
        if (scan.IsEnveloped)
        {
            var dataJson = scan.DataIsNull ? EmptyObject : json.Slice(scan.DataStart, scan.DataLength);
            data = (LimeCallEventData)JsonSerializer.Deserialize(dataJson, typeInfo)!;
            if (scan.HasOtherProperties)
            {
                envelope = ReadEnvelopeProperties(json, in scan, _elementTypeInfo);
                if (envelope is null)
                {
                    error = LimeCallPayloadError.DuplicateProperty;
                    return null;
                }
            }
        }
        else
        {
            data = DeserializeFlat(json, in scan, typeInfo);
        }

        return new LimeCallEvent(data, receivedType, canonical, raw)
        {
            Id = scan.Id,
            Timestamp = scan.Timestamp,
            EnvelopeProperties = envelope,
        };
    }

    private static LimeCallEventData DeserializeFlat(ReadOnlySpan<byte> json, in EnvelopeScan scan, JsonTypeInfo typeInfo)
    {
        // Strings and JsonElements the typed pass creates own copies of their bytes, so the pooled
        // buffer can go back as soon as it is done.
        var buffer = ArrayPool<byte>.Shared.Rent(json.Length);
        try
        {
            var data = buffer.AsSpan(0, json.Length);
            json.CopyTo(data);
            scan.BlankConsumed(data);
            return (LimeCallEventData)JsonSerializer.Deserialize(data, typeInfo)!;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Drops a UTF-8 byte order mark and rejects what is empty or not UTF-8, before any JSON is read.</summary>
    private static LimeCallPayloadError Precheck(ref Span<byte> json)
    {
        if (json.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        if (json.Trim(" \t\r\n"u8).IsEmpty)
        {
            return LimeCallPayloadError.Empty;
        }

        // JSON is UTF-8 (RFC 8259). Checked once, vectorized, so no invalid text reaches a string or an
        // unknown-property bag that would later be written back out.
        return Utf8.IsValid(json) ? LimeCallPayloadError.None : LimeCallPayloadError.NotJson;
    }

    /// <summary>Reads the envelope's other top-level properties; <see langword="null"/> when one is named twice.</summary>
    private static Dictionary<string, JsonElement>? ReadEnvelopeProperties(ReadOnlySpan<byte> json, in EnvelopeScan scan, JsonTypeInfo<JsonElement> elementTypeInfo)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (scan.Consumed(name))
            {
                reader.Skip();
                continue;
            }

            // Read with the serializer's options, so duplicates nested in the value are refused as everywhere else.
            if (!properties.TryAdd(name, JsonSerializer.Deserialize(ref reader, elementTypeInfo)))
            {
                return null;
            }
        }

        return properties;
    }
}
