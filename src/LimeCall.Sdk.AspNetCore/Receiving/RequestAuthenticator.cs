using System.Net;
using System.Security.Cryptography;
using System.Text;
using LimeCall.Sdk.Webhooks;
using Microsoft.AspNetCore.Http;

namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>
/// The authentication a set of <see cref="LimeCallWebhookOptions"/> asks for, built once per options
/// version (a secret rotation builds a new one; requests in flight keep the one they started with).
/// </summary>
/// <remarks>
/// Reference-counted: the gate holds one reference while it is current and each request one while it uses it;
/// the verifiers' native hashing state is released when the last reference goes, never under a request in flight.
/// </remarks>
internal sealed class RequestAuthenticator
{
    private int _references = 1;
    private readonly LimeCallSignatureVerifier? _signature;
    private readonly LimeCallBearerTokenVerifier? _bearer;
    private readonly byte[]? _pathSecretDigest;
    private readonly IPNetwork[] _networks;

    public RequestAuthenticator(LimeCallWebhookOptions options)
    {
        _signature = options.Secrets.Count > 0 ? new LimeCallSignatureVerifier(options.Secrets) : null;
        _bearer = options.BearerTokens.Count > 0 ? new LimeCallBearerTokenVerifier(options.BearerTokens) : null;
        _pathSecretDigest = string.IsNullOrEmpty(options.PathSecret) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.PathSecret));
        _networks = [.. options.AllowedNetworks.Select(ParseNetwork)];
        MaxBodyBytes = options.MaxBodyBytes;
    }

    public int MaxBodyBytes { get; }

    /// <summary>Takes a reference for one request; <see langword="false"/> once retired and drained.</summary>
    public bool TryEnter()
    {
        var current = Volatile.Read(ref _references);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>Gives a request's reference back; the last one out releases the verifiers.</summary>
    public void Exit()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _signature?.Dispose();
        }
    }

    /// <summary>Gives up the gate's own reference: this authenticator has been replaced.</summary>
    public void Retire() => Exit();

    public static bool TryParseNetwork(string text, out IPNetwork network)
    {
        if (IPNetwork.TryParse(text, out network))
        {
            return true;
        }

        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return false;
    }

    /// <summary>Checks what needs no body: the source network and the secret path segment.</summary>
    public string? RejectBeforeBody(HttpContext context)
    {
        if (_networks.Length > 0)
        {
            var remote = context.Connection.RemoteIpAddress;
            // IPNetwork.Contains matches an IPv4-mapped IPv6 sender (a dual-stack socket's view of IPv4) against IPv4
            // networks itself: AllowList_OfSingleAddressesAndNetworks_AdmitsExactlyThem checks it.
            if (remote is null || !_networks.Any(n => n.Contains(remote)))
            {
                return RejectReason.SourceNotAllowed;
            }
        }

        if (_pathSecretDigest is not null)
        {
            var presented = context.Request.RouteValues["secret"]?.ToString() ?? string.Empty;
            if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _pathSecretDigest))
            {
                return RejectReason.PathSecretMismatch;
            }
        }

        return null;
    }

    /// <summary>Checks the signature and the bearer token of a body that has been read.</summary>
    public string? RejectBody(ReadOnlySpan<byte> body, IHeaderDictionary headers)
    {
        if (_signature is not null)
        {
            var result = _signature.Verify(body, headers[LimeCallWebhookHeaders.Signature].ToString());
            if (!result.IsValid)
            {
                return result.Outcome switch
                {
                    WebhookVerificationOutcome.Missing => RejectReason.SignatureMissing,
                    WebhookVerificationOutcome.Malformed => RejectReason.SignatureMalformed,
                    WebhookVerificationOutcome.NotConfigured => RejectReason.SignatureNotConfigured,
                    _ => RejectReason.SignatureMismatch,
                };
            }
        }

        if (_bearer is not null)
        {
            var result = _bearer.Verify(headers.Authorization.ToString());
            if (!result.IsValid)
            {
                return result.Outcome switch
                {
                    WebhookVerificationOutcome.Missing => RejectReason.BearerTokenMissing,
                    WebhookVerificationOutcome.Malformed => RejectReason.BearerTokenMalformed,
                    _ => RejectReason.BearerTokenMismatch,
                };
            }
        }

        return null;
    }

    private static IPNetwork ParseNetwork(string text)
        => TryParseNetwork(text, out var network) ? network : throw new InvalidOperationException("LimeCall:Webhooks:AllowedNetworks holds an entry that is not an address or CIDR network.");
}
