using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LimeCall.Sdk.Webhooks.Serialization;

/// <summary>
/// Reads scalar values the way LimeCall payloads send them, not the way a strict schema would:
/// numbers as text, text as numbers, booleans as <c>0</c>/<c>1</c>, times as ISO 8601 or Unix seconds.
/// A value that cannot be read as the wanted type reads as <see langword="null"/> (it stays in the raw
/// JSON): one odd field must not make a whole delivery fail and be retried for ever.
/// </summary>
internal static class TolerantJson
{
    // Unix times at or above this are taken as milliseconds: 10^11 seconds is the year 5138.
    private const long MillisecondsThreshold = 100_000_000_000;

    public static string? ReadString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => SkipToNull<string>(ref reader),
    };

    public static int? ReadInt32(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt32(out var value))
                {
                    return value;
                }

                return reader.TryGetDouble(out var real) && IsWhole(real, int.MinValue, int.MaxValue) ? (int)real : null;
            case JsonTokenType.String:
                Span<byte> buffer = stackalloc byte[64];
                ReadOnlySpan<byte> text = buffer[..CopyTrimmed(ref reader, buffer)];
                if (Utf8Parser.TryParse(text, out int parsed, out var consumed) && consumed == text.Length)
                {
                    return parsed;
                }

                return Utf8Parser.TryParse(text, out double parsedReal, out consumed) && consumed == text.Length
                    && IsWhole(parsedReal, int.MinValue, int.MaxValue) ? (int)parsedReal : null;
            default:
                return SkipToNull<int?>(ref reader);
        }
    }

    public static bool? ReadBoolean(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number:
                return reader.TryGetInt32(out var number) && number is 0 or 1 ? number == 1 : null;
            case JsonTokenType.String:
                Span<byte> buffer = stackalloc byte[16];
                ReadOnlySpan<byte> text = buffer[..CopyTrimmed(ref reader, buffer)];
                if (text.Length > 5)
                {
                    return null;
                }

                Span<char> chars = stackalloc char[5];
                var length = Encoding.UTF8.GetChars(text, chars);
                return chars[..length].Trim() switch
                {
                    var t when t.Equals("true", StringComparison.OrdinalIgnoreCase) || t.SequenceEqual("1") || t.Equals("yes", StringComparison.OrdinalIgnoreCase) => true,
                    var t when t.Equals("false", StringComparison.OrdinalIgnoreCase) || t.SequenceEqual("0") || t.Equals("no", StringComparison.OrdinalIgnoreCase) => false,
                    _ => null,
                };
            default:
                return SkipToNull<bool?>(ref reader);
        }
    }

    public static DateTimeOffset? ReadDateTimeOffset(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetDouble(out var seconds) ? FromUnix(seconds) : null;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }

                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var unix))
                {
                    return FromUnix(unix);
                }

                // Round-trip ISO 8601 first; a time without an offset is taken as UTC, never as local time.
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
                    ? parsed
                    : null;
            default:
                return SkipToNull<DateTimeOffset?>(ref reader);
        }
    }

    /// <summary>Writes a time as ISO 8601 with a <c>Z</c> for UTC and no trailing zero fraction.</summary>
    public static void WriteDateTimeOffset(Utf8JsonWriter writer, DateTimeOffset value)
    {
        Span<char> buffer = stackalloc char[40];
        var format = value.Offset == TimeSpan.Zero ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz";
        value.TryFormat(buffer, out var written, format, CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..written]);
    }

    private static DateTimeOffset? FromUnix(double value)
    {
        // NaN and the infinities ("NaN", "Infinity" as text) fall outside the range check below like any other.
        var milliseconds = Math.Abs(value) >= MillisecondsThreshold ? value : value * 1000;
        return milliseconds is >= -62_135_596_800_000 and <= 253_402_300_799_999
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(milliseconds))
            : null;
    }

    private static bool IsWhole(double value, double min, double max)
        => value >= min && value <= max && Math.Abs(value - Math.Round(value)) < double.Epsilon;

    /// <summary>Copies the current string value, unescaped and trimmed of blanks, into <paramref name="buffer"/>; 0 when it does not fit.</summary>
    private static int CopyTrimmed(ref Utf8JsonReader reader, scoped Span<byte> buffer)
    {
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > buffer.Length)
        {
            return 0;
        }

        var written = reader.CopyString(buffer);
        var trimmed = buffer[..written].Trim(" \t"u8);
        trimmed.CopyTo(buffer);
        return trimmed.Length;
    }

    private static T? SkipToNull<T>(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return default;
    }
}
