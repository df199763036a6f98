using System.Text;

namespace LimeCall.Sdk.Webhooks;

/// <summary>
/// Produces the canonical <c>X-LimeCall-Signature</c> value for a body: the lowercase hex
/// HMAC-SHA256 of the raw bytes, keyed with the shared secret as UTF-8.
/// </summary>
/// <remarks>
/// This is the code path the reference sender in <c>LimeCall.Sdk.Testing</c> signs with, and it is
/// public so that tests of your own receiver can sign payloads the same way. Instances keep keyed
/// hashing state for reuse and are thread-safe; the static methods suit one-off signing.
/// </remarks>
public sealed class LimeCallSigner : IDisposable
{
    /// <summary>The length, in characters, of a canonical signature (64 hex digits).</summary>
    public const int SignatureLength = HmacSha256Key.HashSize * 2;

    private readonly HmacSha256Key _key;

    /// <summary>Creates a signer for a secret given as text (encoded as UTF-8).</summary>
    /// <param name="secret">The endpoint's shared secret.</param>
    /// <exception cref="ArgumentNullException"><paramref name="secret"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is empty.</exception>
    public LimeCallSigner(string secret)
    {
        _key = new HmacSha256Key(WebhookSecrets.ToKeyBytes(secret, nameof(secret)));
    }

    /// <summary>Creates a signer for a secret given as raw key bytes.</summary>
    /// <param name="secret">The key bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is empty.</exception>
    public LimeCallSigner(ReadOnlySpan<byte> secret)
    {
        if (secret.IsEmpty)
        {
            throw new ArgumentException("A webhook secret must not be empty.", nameof(secret));
        }

        _key = new HmacSha256Key(secret);
    }

    /// <summary>Signs a body and returns the header value.</summary>
    /// <param name="body">The exact bytes that will be sent.</param>
    /// <returns>64 lowercase hex digits.</returns>
    /// <exception cref="ObjectDisposedException">The signer has been disposed.</exception>
    public string Sign(ReadOnlySpan<byte> body)
    {
        Span<char> chars = stackalloc char[SignatureLength];
        TrySign(body, chars, out _);
        return new string(chars);
    }

    /// <summary>Signs a body into a caller-supplied buffer, without allocating.</summary>
    /// <param name="body">The exact bytes that will be sent.</param>
    /// <param name="destination">Where to write the 64 lowercase hex digits.</param>
    /// <param name="charsWritten">64 on success, otherwise 0.</param>
    /// <returns><see langword="false"/> when <paramref name="destination"/> is shorter than <see cref="SignatureLength"/>.</returns>
    /// <exception cref="ObjectDisposedException">The signer has been disposed.</exception>
    public bool TrySign(ReadOnlySpan<byte> body, Span<char> destination, out int charsWritten)
    {
        if (destination.Length < SignatureLength)
        {
            charsWritten = 0;
            return false;
        }

        Span<byte> mac = stackalloc byte[HmacSha256Key.HashSize];
        _key.Compute(body, mac);
        return Convert.TryToHexStringLower(mac, destination, out charsWritten);
    }

    /// <summary>Signs a body given as text (encoded as UTF-8) with a secret given as text.</summary>
    /// <param name="secret">The endpoint's shared secret.</param>
    /// <param name="body">The body exactly as it will be sent.</param>
    /// <returns>64 lowercase hex digits.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is empty.</exception>
    public static string ComputeSignature(string secret, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return ComputeSignature(WebhookSecrets.ToKeyBytes(secret, nameof(secret)), Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Signs raw body bytes with raw key bytes.</summary>
    /// <param name="secret">The key bytes.</param>
    /// <param name="body">The exact bytes that will be sent.</param>
    /// <returns>64 lowercase hex digits.</returns>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is empty.</exception>
    public static string ComputeSignature(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> body)
    {
        using var signer = new LimeCallSigner(secret);
        return signer.Sign(body);
    }

    /// <summary>Releases the native hashing state and clears the key material.</summary>
    public void Dispose() => _key.Dispose();
}
