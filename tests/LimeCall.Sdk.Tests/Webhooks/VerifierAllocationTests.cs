using LimeCall.Sdk.Webhooks;

namespace LimeCall.Sdk.Tests.Webhooks;

/// <summary>The verifier sits on every webhook request: in steady state it must not allocate.</summary>
public sealed class VerifierAllocationTests
{
    [Fact]
    public void Verify_OneKibibyteBodyWithHexHeader_AllocatesNothing()
    {
        var body = new byte[1024];
        new Random(1).NextBytes(body);
        using var verifier = new LimeCallSignatureVerifier("secret");
        var header = LimeCallSigner.ComputeSignature("secret"u8, body);

        var allocated = MeasureAllocations(() => verifier.Verify(body, header));

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Verify_Base64HeaderAndTwoSecrets_AllocatesNothing()
    {
        var body = new byte[1024];
        using var verifier = new LimeCallSignatureVerifier("new", "old");
        var header = "sha256=" + Convert.ToBase64String(Convert.FromHexString(LimeCallSigner.ComputeSignature("old"u8, body)));

        var allocated = MeasureAllocations(() => verifier.Verify(body, header));

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Verify_SegmentedSequenceBody_AllocatesNothing()
    {
        var data = new byte[64 * 1024];
        var body = SegmentedSequence.Create(data, 4096);
        using var verifier = new LimeCallSignatureVerifier("secret");
        var header = LimeCallSigner.ComputeSignature("secret"u8, data);

        var allocated = MeasureAllocations(() => verifier.Verify(body, header));

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Verify_BearerToken_AllocatesNothing()
    {
        var verifier = new LimeCallBearerTokenVerifier("tok_123");
        const string Header = "Bearer tok_123";

        var allocated = MeasureAllocations(() => verifier.Verify(Header));

        Assert.Equal(0, allocated);
    }

    private static long MeasureAllocations(Func<WebhookVerificationResult> verify)
    {
        // Warm up: the first calls JIT the code and create the pooled keyed hash state.
        for (var i = 0; i < 200; i++)
        {
            Assert.True(verify().IsValid);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var valid = 0;
        for (var i = 0; i < 1000; i++)
        {
            valid += verify().IsValid ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1000, valid);
        return allocated;
    }
}
