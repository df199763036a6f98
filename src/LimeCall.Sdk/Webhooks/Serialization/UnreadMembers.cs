using System.Collections.Frozen;
using System.Text.Json;

namespace LimeCall.Sdk.Webhooks.Serialization;

/// <summary>
/// The unknown members of a parsed event's data, kept unread: the data object's bytes (a slice of the event's
/// <c>RawJson</c>, so no copy) and the names that are not unknown (the record's typed members and, in a flat payload,
/// the members read as the envelope's type, id and time). Read into a dictionary on first use, once, thread-safe.
/// </summary>
/// <remarks>
/// Why: a receiver pays for unknown members on every event, and almost never reads them. A 64 KiB event of ~970 small
/// unknown members cost ~509 KB and 1.68× the parse of a model that drops them when they were read at parse time
/// (issue 16); unread, they cost this object. What the SDK promises is unchanged: they are kept, compared and written
/// back, and a member named twice anywhere is refused at parse (the scan checks every object).
/// </remarks>
internal sealed class UnreadMembers
{
    private readonly ReadOnlyMemory<byte> _objectJson;
    private readonly FrozenSet<string> _typedNames;
    private readonly (string? Type, string? Id, string? Time) _envelopeNames;
    private readonly int _maxDepth;
    private Dictionary<string, JsonElement>? _members;
    private bool _read;
    private object? _lock;

    /// <summary>Keeps the members of <paramref name="objectJson"/> not named in <paramref name="typedNames"/> or <paramref name="envelopeNames"/>.</summary>
    /// <param name="objectJson">One JSON object, already checked (syntax, depth, duplicates) by the scan.</param>
    /// <param name="typedNames">The record's typed members, as named in JSON.</param>
    /// <param name="envelopeNames">In a flat payload, the members read as the envelope's; otherwise none.</param>
    /// <param name="maxDepth">The depth the scan allowed.</param>
    public UnreadMembers(ReadOnlyMemory<byte> objectJson, FrozenSet<string> typedNames, (string? Type, string? Id, string? Time) envelopeNames, int maxDepth)
    {
        _objectJson = objectJson;
        _typedNames = typedNames;
        _envelopeNames = envelopeNames;
        _maxDepth = maxDepth;
    }

    /// <summary>Gets the unknown members in document order; <see langword="null"/> when there are none.</summary>
    /// <remarks>Once read, answered without the initializer: its delegate argument would be allocated on every read.</remarks>
    public Dictionary<string, JsonElement>? Members
        => Volatile.Read(ref _read) ? _members : LazyInitializer.EnsureInitialized(ref _members, ref _read, ref _lock, Read);

    private Dictionary<string, JsonElement>? Read()
    {
        Dictionary<string, JsonElement>? members = null;
        var reader = new Utf8JsonReader(_objectJson.Span, new JsonReaderOptions { MaxDepth = _maxDepth + 1 });
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (_typedNames.Contains(name) || IsEnvelopeName(name))
            {
                reader.Skip();
                continue;
            }

            // Each value its own JsonElement, as the serializer's [JsonExtensionData] made them.
            (members ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[name] = JsonElement.ParseValue(ref reader);
        }

        return members;
    }

    private bool IsEnvelopeName(string name)
        => string.Equals(name, _envelopeNames.Type, StringComparison.Ordinal)
            || string.Equals(name, _envelopeNames.Id, StringComparison.Ordinal)
            || string.Equals(name, _envelopeNames.Time, StringComparison.Ordinal);
}
