using System.Diagnostics;
using System.Text;
using LimeCall.Sdk.Webhooks;

namespace LimeCall.Sdk.Tests.Webhooks;

/// <summary>
/// Cross-checks the signer and verifier against an HMAC implementation that shares no code with .NET's
/// managed layer: the <c>openssl</c> command-line tool, which every machine of this kind has.
/// </summary>
public sealed class IndependentHmacTests
{
    public static TheoryData<string, int> Cases() => new()
    {
        { "It's a Secret to Everybody", 0 },
        { "whsec_rotating_2025", 1 },
        { "ünïcødé secret with spaces", 1024 },
        { "k", 65_536 },
        { new string('x', 100), 3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Verify_SignatureComputedByOpenSsl_IsValidAndEqualsSigner(string secret, int bodyLength)
    {
        var body = new byte[bodyLength];
        new Random(bodyLength).NextBytes(body);
        var external = OpenSslHmacHex(Encoding.UTF8.GetBytes(secret), body);
        using var verifier = new LimeCallSignatureVerifier(secret);

        Assert.True(verifier.Verify(body, external).IsValid);
        Assert.True(verifier.Verify(body, external.ToUpperInvariant()).IsValid);
        Assert.Equal(external, LimeCallSigner.ComputeSignature(Encoding.UTF8.GetBytes(secret), body));
    }

    private static string OpenSslHmacHex(byte[] key, byte[] body)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, body);
            var start = new ProcessStartInfo("openssl")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "dgst", "-sha256", "-mac", "HMAC", "-macopt", "hexkey:" + Convert.ToHexStringLower(key), file })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)
                ?? throw new InvalidOperationException("openssl could not be started; it is part of this machine's base image.");
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "openssl failed: " + error);

            // Output: "HMAC-SHA2-256(<file>)= <hex>"
            return output.Trim().Split("= ")[^1];
        }
        finally
        {
            File.Delete(file);
        }
    }
}
