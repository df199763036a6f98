using System.Buffers;

namespace LimeCall.Sdk.Webhooks;

/// <summary>
/// Splits an <c>X-LimeCall-Signature</c> value into candidate signatures and decodes each to its
/// 32 raw bytes, without allocating.
/// </summary>
/// <remarks>
/// Accepted per candidate: 64 hex digits in either case, or base64 / base64url of the 32 bytes
/// (padded or not, canonical trailing bits only), each with an optional case-insensitive
/// <c>sha256=</c> prefix. Candidates are separated by commas or white space. A candidate that does not
/// decode is skipped, so one well-formed signature among others still counts; a header in which none
/// decodes is malformed.
/// </remarks>
internal static class SignatureHeaderParser
{
    /// <summary>The longest header value examined; anything longer is rejected unread.</summary>
    public const int MaxHeaderLength = 4096;

    /// <summary>The most candidate signatures decoded from one header.</summary>
    public const int MaxCandidates = 8;

    private const string Prefix = "sha256=";
    private const int HexLength = HmacSha256Key.HashSize * 2;
    private const int Base64Length = 44;
    private const int Base64UnpaddedLength = 43;

    private static readonly SearchValues<char> Separators = SearchValues.Create(", \t\r\n");

    // The base64 characters whose value is a multiple of 4 (low two bits zero), the only ones that can end 32 bytes.
    private static readonly SearchValues<char> LastCharacters = SearchValues.Create("AEIMQUYcgkosw048");

    /// <summary>
    /// Decodes every candidate of <paramref name="header"/> into consecutive 32-byte slots of
    /// <paramref name="destination"/>, which must hold <see cref="MaxCandidates"/> slots.
    /// </summary>
    public static WebhookVerificationOutcome Parse(ReadOnlySpan<char> header, Span<byte> destination, out int count)
    {
        count = 0;
        if (header.IsWhiteSpace())
        {
            return WebhookVerificationOutcome.Missing;
        }

        if (header.Length > MaxHeaderLength)
        {
            return WebhookVerificationOutcome.Malformed;
        }

        var rest = header;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOfAny(Separators);
            var token = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (token.IsEmpty)
            {
                continue;
            }

            if (count == MaxCandidates)
            {
                // More candidates than any rotation needs: refuse rather than do unbounded work.
                count = 0;
                return WebhookVerificationOutcome.Malformed;
            }

            if (TryDecode(token, destination.Slice(count * HmacSha256Key.HashSize, HmacSha256Key.HashSize)))
            {
                count++;
            }
        }

        return count > 0 ? WebhookVerificationOutcome.Valid : WebhookVerificationOutcome.Malformed;
    }

    internal static bool TryDecode(ReadOnlySpan<char> token, Span<byte> destination)
    {
        if (token.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            token = token[Prefix.Length..];
        }

        return token.Length switch
        {
            HexLength => Convert.FromHexString(token, destination, out _, out var written) == OperationStatus.Done
                && written == HmacSha256Key.HashSize,
            Base64Length or Base64UnpaddedLength => TryDecodeBase64(token, destination),
            _ => false,
        };
    }

    private static bool TryDecodeBase64(ReadOnlySpan<char> token, Span<byte> destination)
    {
        // Normalise base64url and missing padding to standard base64 in a stack buffer.
        Span<char> chars = stackalloc char[Base64Length];
        for (var i = 0; i < token.Length; i++)
        {
            chars[i] = token[i] switch
            {
                '-' => '+',
                '_' => '/',
                var c => c,
            };
        }

        if (token.Length == Base64UnpaddedLength)
        {
            chars[Base64UnpaddedLength] = '=';
        }

        // 32 bytes leave two unused low bits in the last significant character. Requiring them to be
        // zero keeps exactly one text per signature, so a changed character is always a changed value.
        if (chars[Base64Length - 1] != '=' || !LastCharacters.Contains(chars[Base64Length - 2]))
        {
            return false;
        }

        return Convert.TryFromBase64Chars(chars, destination, out var written) && written == HmacSha256Key.HashSize;
    }
}
