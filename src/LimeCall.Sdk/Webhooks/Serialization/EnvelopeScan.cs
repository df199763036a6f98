using System.Text.Json;

namespace LimeCall.Sdk.Webhooks.Serialization;

/// <summary>
/// Pass one over a payload: reads the top-level object once, finds the event type, id and time under
/// any of their names and in any position, locates a <c>data</c> object, and checks the whole document
/// is well-formed, within the depth limit and free of members named twice (in any object, at any depth), so the
/// typed pass that follows cannot fail on syntax and never meets a member it could read two ways.
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

        var names = new MemberNameCheck(json, maxDepth);
        try
        {
            names.StartObject();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!scan.ReadProperty(ref reader, maxDepth, ref names))
                {
                    return LimeCallPayloadError.TooDeep;
                }
            }

            names.EndObject();
            if (names.FoundDuplicate)
            {
                // Checked after the whole document was read, so syntax errors still win (NotJson).
                return reader.Read() ? LimeCallPayloadError.NotJson : LimeCallPayloadError.DuplicateProperty;
            }
        }
        finally
        {
            names.Dispose();
        }

        // Anything after the object (a second value, stray characters) makes the reader throw.
        if (reader.Read())
        {
            return LimeCallPayloadError.NotJson;
        }

        return string.IsNullOrWhiteSpace(scan.Type) ? LimeCallPayloadError.TypeMissing : LimeCallPayloadError.None;
    }

    /// <summary>Reads one top-level property; <see langword="false"/> when its value nests too deep.</summary>
    private bool ReadProperty(ref Utf8JsonReader reader, int maxDepth, ref MemberNameCheck names)
    {
        names.Name(ref reader);
        var typeRank = Rank(ref reader, TypeNamesUtf8);
        var idRank = Rank(ref reader, IdNamesUtf8);
        var timeRank = Rank(ref reader, TimeNamesUtf8);
        var isData = reader.ValueTextEquals("data"u8);
        PropertyCount++;
        reader.Read();

        if (typeRank < TypeRank && reader.TokenType == JsonTokenType.String)
        {
            Type = reader.GetString();
            TypeRank = typeRank;
        }
        else if (idRank < IdRank && reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
        {
            Id = TolerantJson.ReadString(ref reader);
            IdRank = idRank;
        }
        else if (timeRank < TimeRank && reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
        {
            Timestamp = TolerantJson.ReadDateTimeOffset(ref reader);
            TimeRank = timeRank;
        }
        else if (isData && reader.TokenType == JsonTokenType.StartObject && !IsEnveloped)
        {
            DataStart = (int)reader.TokenStartIndex;
            if (!SkipWithin(ref reader, maxDepth, ref names))
            {
                return false;
            }

            DataLength = (int)reader.BytesConsumed - DataStart;
        }
        else if (isData && reader.TokenType == JsonTokenType.Null && !IsEnveloped)
        {
            DataIsNull = true;
        }
        else if (!SkipWithin(ref reader, maxDepth, ref names))
        {
            return false;
        }

        return true;
    }

    /// <summary>Gets whether the top level holds properties besides the ones this scan consumed.</summary>
    public readonly bool HasOtherProperties
        => PropertyCount > (TypeRank == int.MaxValue ? 0 : 1) + (IdRank == int.MaxValue ? 0 : 1)
            + (TimeRank == int.MaxValue ? 0 : 1) + (IsEnveloped ? 1 : 0);

    /// <summary>Gets whether a top-level property name is one this scan consumed (and so is not event data).</summary>
    public readonly bool Consumed(ReadOnlySpan<char> name)
        => IsRanked(name, TypeNames, TypeRank) || IsRanked(name, IdNames, IdRank) || IsRanked(name, TimeNames, TimeRank)
            || (IsEnveloped && name.SequenceEqual("data"));

    /// <summary>Gets the names of the top-level members this scan read as the envelope's type, id and time (or <see langword="null"/>).</summary>
    public readonly (string? Type, string? Id, string? Time) ConsumedNames
        => (TypeRank == int.MaxValue ? null : TypeNames[TypeRank], IdRank == int.MaxValue ? null : IdNames[IdRank], TimeRank == int.MaxValue ? null : TimeNames[TimeRank]);

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

    /// <summary>
    /// Skips the current value, noting the member names of every object in it; <see langword="false"/> as soon as
    /// nesting passes the limit.
    /// </summary>
    private static bool SkipWithin(ref Utf8JsonReader reader, int maxDepth, ref MemberNameCheck names)
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

        if (reader.TokenType == JsonTokenType.StartObject)
        {
            names.StartObject();
        }

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray when reader.CurrentDepth + 1 > maxDepth:
                    return false;
                case JsonTokenType.StartObject:
                    names.StartObject();
                    break;
                case JsonTokenType.PropertyName:
                    names.Name(ref reader);
                    break;
                case JsonTokenType.EndObject:
                    names.EndObject();
                    if (reader.CurrentDepth == start)
                    {
                        return true;
                    }

                    break;
                case JsonTokenType.EndArray when reader.CurrentDepth == start:
                    return true;
            }
        }

        return true;
    }
}
