using System.Buffers;
using System.Globalization;

namespace LimeCall.Sdk;

/// <summary>Makes values that come from a payload safe to write into a log line.</summary>
internal static class LogValues
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        Enumerable.Range(0, 0x20).Select(c => (char)c)
            .Concat(Enumerable.Range(0x7F, 0x21).Select(c => (char)c))
            .Concat(['\u2028', '\u2029', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'])
            .ToArray());

    /// <summary>The longest value written; longer ones are cut and marked, so a payload cannot flood a log.</summary>
    public const int MaxLength = 200;

    /// <summary>
    /// Escapes control characters (C0, DEL, C1, line and paragraph separators, bidirectional overrides) as
    /// <c>\uXXXX</c> and cuts values past <see cref="MaxLength"/>, so a payload cannot forge a log line, colour a
    /// terminal or reorder what a reader sees. Returns the value itself, without allocating, when it is already safe.
    /// </summary>
    public static string Escape(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        var first = value.AsSpan().IndexOfAny(Unsafe);
        if (first < 0 && value.Length <= MaxLength)
        {
            return value;
        }

        var builder = new System.Text.StringBuilder(Math.Min(value.Length, MaxLength) + 16);
        foreach (var c in value.AsSpan(0, Math.Min(value.Length, MaxLength)))
        {
            if (Unsafe.Contains(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        if (value.Length > MaxLength)
        {
            builder.Append("…(").Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(" chars)");
        }

        return builder.ToString();
    }
}
