using System.Text.Json;

namespace LimeCall.Sdk.Webhooks.Serialization;

/// <summary>
/// Pass one over a payload: reads the top-level object once, finds the event type, id and time under
/// any of their names and in any position, locates a <c>data</c> object, and checks the whole document
/// is well-formed and within the depth limit, so the typed pass that follows cannot fail on syntax.
/// </summary>
internal struct EnvelopeScan
{
    // Property-name groups, each in order of precedence when a payload has more than one.
    private static readonly string[] TypeNames = ["event", "event_type", "type"];
    private static readonly string[] IdNames = ["id", "event_id", "webhook_id"];
    private static readonly string[] TimeNames = ["timestamp", "created_at", "occurred_at"];
    private static readonly byte[][] TypeNamesUtf8 = ToUtf8(TypeNames);
    private static readonly byte[][] IdNamesUtf8 = ToUtf8(IdNames);
    private static readonly byte[][] TimeNamesUtf8 = ToUtf8(TimeNames);

    public string? Type;
    public string? Id;
    public DateTimeOffset? Timestamp;
    public int TypeRank;
    public int IdRank;
    public int TimeRank;
    public int DataStart;
    public int DataLength;
    public bool DataIsNull;
    public int PropertyCount;
    public bool HasDuplicate;
    private int _seenNames;
    private Range _typeProperty;
    private Range _idProperty;
    private Range _timeProperty;

    /// <summary>Gets whether the payload is enveloped: its event data sits in a <c>data</c> object (or <c>data</c> is null).</summary>
    public readonly bool IsEnveloped => DataLength > 0 || DataIsNull;

    public static LimeCallPayloadError Run(ReadOnlySpan<byte> json, int maxDepth, out EnvelopeScan scan)
    {
        scan = new EnvelopeScan { TypeRank = int.MaxValue, IdRank = int.MaxValue, TimeRank = int.MaxValue };
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth + 1 });
        if (!reader.Read())
        {
            return LimeCallPayloadError.Empty;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return LimeCallPayloadError.NotAnObject;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!scan.ReadProperty(ref reader, maxDepth))
            {
                return LimeCallPayloadError.TooDeep;
            }
        }

        if (scan.HasDuplicate)
        {
            // Checked after the whole document was read, so syntax errors still win (NotJson).
            return reader.Read() ? LimeCallPayloadError.NotJson : LimeCallPayloadError.DuplicateProperty;
        }

        // Anything after the object (a second value, stray characters) makes the reader throw.
        if (reader.Read())
        {
            return LimeCallPayloadError.NotJson;
        }

        return string.IsNullOrWhiteSpace(scan.Type) ? LimeCallPayloadError.TypeMissing : LimeCallPayloadError.None;
    }

    /// <summary>Reads one top-level property; <see langword="false"/> when its value nests too deep.</summary>
    private bool ReadProperty(ref Utf8JsonReader reader, int maxDepth)
    {
        var typeRank = Rank(ref reader, TypeNamesUtf8);
        var idRank = Rank(ref reader, IdNamesUtf8);
        var timeRank = Rank(ref reader, TimeNamesUtf8);
        var isData = reader.ValueTextEquals("data"u8);
        var nameStart = (int)reader.TokenStartIndex;

        // The envelope's own names (type, id, time and data under each spelling) may appear once each.
        var bit = typeRank != int.MaxValue ? 1 << typeRank
            : idRank != int.MaxValue ? 1 << (3 + idRank)
            : timeRank != int.MaxValue ? 1 << (6 + timeRank)
            : isData ? 1 << 9 : 0;
        HasDuplicate |= (_seenNames & bit) != 0;
        _seenNames |= bit;
        PropertyCount++;
        reader.Read();

        if (typeRank < TypeRank && reader.TokenType == JsonTokenType.String)
        {
            Type = reader.GetString();
            TypeRank = typeRank;
            _typeProperty = nameStart..(int)reader.BytesConsumed;
        }
        else if (idRank < IdRank && reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
        {
            Id = TolerantJson.ReadString(ref reader);
            IdRank = idRank;
            _idProperty = nameStart..(int)reader.BytesConsumed;
        }
        else if (timeRank < TimeRank && reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
        {
            Timestamp = TolerantJson.ReadDateTimeOffset(ref reader);
            TimeRank = timeRank;
            _timeProperty = nameStart..(int)reader.BytesConsumed;
        }
        else if (isData && reader.TokenType == JsonTokenType.StartObject && !IsEnveloped)
        {
            DataStart = (int)reader.TokenStartIndex;
            if (!SkipWithin(ref reader, maxDepth))
            {
                return false;
            }

            DataLength = (int)reader.BytesConsumed - DataStart;
        }
        else if (isData && reader.TokenType == JsonTokenType.Null && !IsEnveloped)
        {
            DataIsNull = true;
        }
        else
        {
            if (!SkipWithin(ref reader, maxDepth))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Gets whether the top level holds properties besides the ones this scan consumed.</summary>
    public readonly bool HasOtherProperties
        => PropertyCount > (TypeRank == int.MaxValue ? 0 : 1) + (IdRank == int.MaxValue ? 0 : 1)
            + (TimeRank == int.MaxValue ? 0 : 1) + (IsEnveloped ? 1 : 0);

    /// <summary>
    /// Overwrites the envelope properties this scan consumed from a flat payload with white space, in a
    /// copy of the payload, so the typed pass never captures them as unknown properties. Cheaper than
    /// capturing each as a <see cref="JsonElement"/> and removing it afterwards.
    /// </summary>
    /// <param name="json">A copy of the payload this scan read; <c>RawJson</c> keeps the original.</param>
    public readonly void BlankConsumed(Span<byte> json)
    {
        // In any order: each property goes with one separator next to it in the text as it stands (blanked
        // properties and commas read as white space), and taking one member and one adjacent comma out of a
        // valid list leaves a valid list. Every order of the members is tested.
        foreach (var range in (ReadOnlySpan<Range>)[_typeProperty, _idProperty, _timeProperty])
        {
            if (range.End.Value > 0)
            {
                Blank(json, range.Start.Value, range.End.Value);
            }
        }
    }

    private static void Blank(Span<byte> json, int start, int end)
    {
        json[start..end].Fill((byte)' ');

        // Take one separating comma with the property: the one after it, or before it when it was last.
        var after = end + json[end..].IndexOfAnyExcept(" \t\r\n"u8);
        if (json[after] == (byte)',')
        {
            json[after] = (byte)' ';
            return;
        }

        var before = json[..start].LastIndexOfAnyExcept(" \t\r\n"u8);
        if (json[before] == (byte)',')
        {
            json[before] = (byte)' ';
        }
    }

    /// <summary>Gets whether a top-level property name is one this scan consumed (and so is not event data).</summary>
    public readonly bool Consumed(ReadOnlySpan<char> name)
        => IsRanked(name, TypeNames, TypeRank) || IsRanked(name, IdNames, IdRank) || IsRanked(name, TimeNames, TimeRank)
            || (IsEnveloped && name.SequenceEqual("data"));

    private static bool IsRanked(ReadOnlySpan<char> name, string[] names, int rank)
        => rank != int.MaxValue && name.SequenceEqual(names[rank]);

    private static byte[][] ToUtf8(string[] names) => [.. names.Select(System.Text.Encoding.UTF8.GetBytes)];

    private static int Rank(ref Utf8JsonReader reader, byte[][] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (reader.ValueTextEquals(names[i]))
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    /// <summary>Skips the current value, reporting <see langword="false"/> as soon as nesting passes the limit.</summary>
    private static bool SkipWithin(ref Utf8JsonReader reader, int maxDepth)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return true;
        }

        var start = reader.CurrentDepth;
        if (start + 1 > maxDepth)
        {
            return false;
        }

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth + 1 > maxDepth:
                    return false;
                case JsonTokenType.EndObject or JsonTokenType.EndArray when reader.CurrentDepth == start:
                    return true;
            }
        }

        return true;
    }
}
