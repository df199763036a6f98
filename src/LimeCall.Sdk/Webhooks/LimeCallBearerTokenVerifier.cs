using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace LimeCall.Sdk.Webhooks;

/// <summary>
/// Checks the <c>Authorization: Bearer {token}</c> header that LimeCall's outbound webhooks can carry,
/// against one or more configured tokens (several allow rotation).
/// </summary>
/// <remarks>
/// Tokens are compared as SHA-256 digests with a constant-time comparison, so the time taken reveals
/// neither the token's content nor its length. The scheme name is case-insensitive. Bad input never
/// throws. Instances are immutable and thread-safe.
/// </remarks>
public sealed class LimeCallBearerTokenVerifier
{
    /// <summary>Gets the longest <c>Authorization</c> value examined, 4096 characters; anything longer is malformed.</summary>
    public static int MaxHeaderLength => 4096;

    private const string Scheme = "Bearer";

    private readonly byte[][] _tokenDigests;

    /// <summary>Creates a verifier for one or more accepted tokens, in order of preference.</summary>
    /// <param name="tokens">The accepted tokens. May be empty, in which case every request verifies as <see cref="WebhookVerificationOutcome.NotConfigured"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tokens"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A token is <see langword="null"/> or empty.</exception>
    public LimeCallBearerTokenVerifier(params string[] tokens)
        : this((IEnumerable<string>)tokens)
    {
    }

    /// <summary>Creates a verifier for a sequence of accepted tokens, in order of preference.</summary>
    /// <param name="tokens">The accepted tokens. May be empty, in which case every request verifies as <see cref="WebhookVerificationOutcome.NotConfigured"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tokens"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A token is <see langword="null"/> or empty.</exception>
    public LimeCallBearerTokenVerifier(IEnumerable<string> tokens)
    {
        var list = WebhookSecrets.ToList(tokens, nameof(tokens));
        _tokenDigests = new byte[list.Count][];
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].AsSpan().ContainsAny(' ', '\t'))
            {
                throw new ArgumentException("A bearer token must not contain white space.", nameof(tokens));
            }

            _tokenDigests[i] = Digest(list[i]);
        }
    }

    /// <summary>Gets how many tokens this verifier accepts.</summary>
    public int TokenCount => _tokenDigests.Length;

    /// <summary>Verifies an <c>Authorization</c> header value.</summary>
    /// <param name="authorizationHeader">The header value, for example <c>Bearer abc123</c>; empty when absent.</param>
    /// <returns>The outcome and, when valid, the index of the matching token.</returns>
    public WebhookVerificationResult Verify(ReadOnlySpan<char> authorizationHeader)
    {
        if (_tokenDigests.Length == 0)
        {
            return new(WebhookVerificationOutcome.NotConfigured);
        }

        var value = authorizationHeader.Trim();
        if (value.IsEmpty)
        {
            return new(WebhookVerificationOutcome.Missing);
        }

        if (value.Length > MaxHeaderLength
            || value.Length <= Scheme.Length
            || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            || !char.IsWhiteSpace(value[Scheme.Length]))
        {
            return new(WebhookVerificationOutcome.Malformed);
        }

        var token = value[Scheme.Length..].TrimStart();
        if (token.IsEmpty || token.ContainsAny(' ', '\t'))
        {
            return new(WebhookVerificationOutcome.Malformed);
        }

        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(token), presented);

        var matched = -1;
        for (var i = 0; i < _tokenDigests.Length; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, _tokenDigests[i]) && matched < 0)
            {
                matched = i;
            }
        }

        return matched >= 0 ? WebhookVerificationResult.Matched(matched) : new(WebhookVerificationOutcome.Mismatch);
    }

    private static byte[] Digest(string token) => SHA256.HashData(MemoryMarshal.AsBytes(token.AsSpan()));
}
