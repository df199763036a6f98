using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using LimeCall.Sdk.Webhooks;

namespace LimeCall.Sdk.Benchmarks;

/// <summary>
/// Verifying <c>X-LimeCall-Signature</c> against the floor: one-shot HMAC plus a constant-time compare
/// of already-decoded bytes, the least work any correct verifier must do.
/// </summary>
[MemoryDiagnoser]
public class SignatureVerificationBenchmarks
{
    private const string Secret = "whsec_benchmark_secret_value";

    private byte[] _body = [];
    private byte[] _key = [];
    private byte[] _expectedMac = [];
    private string _header = string.Empty;
    private LimeCallSignatureVerifier _verifier = null!;

    [Params(1024, 64 * 1024)]
    public int BodyBytes { get; set; }

    [Params("hex", "base64")]
    public string HeaderForm { get; set; } = "hex";

    [GlobalSetup]
    public void Setup()
    {
        _body = new byte[BodyBytes];
        new Random(42).NextBytes(_body);
        _key = System.Text.Encoding.UTF8.GetBytes(Secret);
        _expectedMac = HMACSHA256.HashData(_key, _body);
        _header = string.Equals(HeaderForm, "hex", StringComparison.Ordinal) ? Convert.ToHexStringLower(_expectedMac) : Convert.ToBase64String(_expectedMac);
        _verifier = new LimeCallSignatureVerifier(Secret);
        if (!Verify() || !Floor())
        {
            throw new InvalidOperationException("Benchmark inputs do not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _verifier.Dispose();

    [Benchmark(Baseline = true, Description = "Floor: HMACSHA256.HashData + FixedTimeEquals")]
    public bool Floor()
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, _body, mac);
        return CryptographicOperations.FixedTimeEquals(mac, _expectedMac);
    }

    [Benchmark(Description = "LimeCallSignatureVerifier.Verify")]
    public bool Verify() => _verifier.Verify(_body, _header).IsValid;
}
