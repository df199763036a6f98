using System.Buffers;
using System.Security.Cryptography;

namespace LimeCall.Sdk.Webhooks;

/// <summary>
/// Verifies the <c>X-LimeCall-Signature</c> header of a webhook request: the HMAC-SHA256 of the raw
/// body, keyed with the endpoint's shared secret.
/// </summary>
/// <remarks>
/// <para>
/// Several secrets may be configured at once so that a secret can be rotated without rejecting
/// deliveries signed with the old one; the result says which one matched. The header may hold
/// several candidate signatures (comma or white-space separated), each as lower- or upper-case hex
/// or base64, with an optional <c>sha256=</c> prefix.
/// </para>
/// <para>
/// Bad input never throws: every request gets a <see cref="WebhookVerificationOutcome"/>. Comparisons
/// are constant-time and cover every candidate and every secret, and verification allocates nothing in
/// steady state. Instances are thread-safe; create one per set of secrets and reuse it.
/// </para>
/// </remarks>
public sealed class LimeCallSignatureVerifier : IDisposable
{
    private readonly HmacSha256Key[] _keys;

    /// <summary>Creates a verifier for one or more secrets, in order of preference.</summary>
    /// <param name="secrets">The shared secrets, as configured in LimeCall (UTF-8).</param>
    /// <exception cref="ArgumentNullException"><paramref name="secrets"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A secret is <see langword="null"/> or empty.</exception>
    public LimeCallSignatureVerifier(params string[] secrets)
        : this((IEnumerable<string>)secrets)
    {
    }

    /// <summary>Creates a verifier for a sequence of secrets, in order of preference.</summary>
    /// <param name="secrets">The shared secrets, as configured in LimeCall (UTF-8). May be empty, in which case every request verifies as <see cref="WebhookVerificationOutcome.NotConfigured"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="secrets"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A secret is <see langword="null"/> or empty.</exception>
    public LimeCallSignatureVerifier(IEnumerable<string> secrets)
    {
        var list = WebhookSecrets.ToList(secrets, nameof(secrets));
        _keys = new HmacSha256Key[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            _keys[i] = new HmacSha256Key(WebhookSecrets.ToKeyBytes(list[i], nameof(secrets)));
        }
    }

    /// <summary>Gets how many secrets this verifier checks against.</summary>
    public int SecretCount => _keys.Length;

    /// <summary>Verifies <paramref name="signatureHeader"/> against a body held in one span.</summary>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="signatureHeader">The <c>X-LimeCall-Signature</c> value; empty when the header is absent.</param>
    /// <returns>The outcome and, when valid, the index of the matching secret.</returns>
    /// <exception cref="ObjectDisposedException">The verifier has been disposed.</exception>
    public WebhookVerificationResult Verify(ReadOnlySpan<byte> body, ReadOnlySpan<char> signatureHeader)
        => Verify(new SpanBody(body), signatureHeader);

    /// <summary>Verifies <paramref name="signatureHeader"/> against a body that arrived in segments (for example from a <c>PipeReader</c>).</summary>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="signatureHeader">The <c>X-LimeCall-Signature</c> value; empty when the header is absent.</param>
    /// <returns>The outcome and, when valid, the index of the matching secret.</returns>
    /// <exception cref="ObjectDisposedException">The verifier has been disposed.</exception>
    public WebhookVerificationResult Verify(in ReadOnlySequence<byte> body, ReadOnlySpan<char> signatureHeader)
        => Verify(new SequenceBody(body), signatureHeader);

    /// <summary>Releases the native hashing state and clears the key material.</summary>
    public void Dispose()
    {
        foreach (var key in _keys)
        {
            key.Dispose();
        }
    }

    private WebhookVerificationResult Verify<TBody>(TBody body, ReadOnlySpan<char> signatureHeader)
        where TBody : IMacInput, allows ref struct
    {
        if (_keys.Length == 0)
        {
            return new(WebhookVerificationOutcome.NotConfigured);
        }

        Span<byte> candidates = stackalloc byte[SignatureHeaderParser.MaxCandidates * HmacSha256Key.HashSize];
        var parsed = SignatureHeaderParser.Parse(signatureHeader, candidates, out var count);
        if (parsed != WebhookVerificationOutcome.Valid)
        {
            return new(parsed);
        }

        Span<byte> expected = stackalloc byte[HmacSha256Key.HashSize];
        var matched = -1;
        for (var k = 0; k < _keys.Length; k++)
        {
            body.ComputeMac(_keys[k], expected);

            // No early exit: the time taken does not depend on which candidate or secret matched.
            var keyMatched = false;
            for (var c = 0; c < count; c++)
            {
                keyMatched |= CryptographicOperations.FixedTimeEquals(
                    expected,
                    candidates.Slice(c * HmacSha256Key.HashSize, HmacSha256Key.HashSize));
            }

            if (keyMatched && matched < 0)
            {
                matched = k;
            }
        }

        CryptographicOperations.ZeroMemory(expected);
        return matched >= 0 ? WebhookVerificationResult.Matched(matched) : new(WebhookVerificationOutcome.Mismatch);
    }
}
