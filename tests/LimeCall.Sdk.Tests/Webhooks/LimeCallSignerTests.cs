using System.Text;
using LimeCall.Sdk.Webhooks;

namespace LimeCall.Sdk.Tests.Webhooks;

public sealed class LimeCallSignerTests
{
    [Fact]
    public void ComputeSignature_GitHubVector_IsCanonicalLowercaseHex()
    {
        var signature = LimeCallSigner.ComputeSignature(SignatureVectors.GitHubSecret, SignatureVectors.GitHubPayload);

        Assert.Equal(SignatureVectors.GitHubHex, signature);
        Assert.Equal(LimeCallSigner.SignatureLength, signature.Length);
    }

    [Fact]
    public void Sign_SpanStringAndStaticOverloads_AgreeAndAreStableAcrossReuse()
    {
        using var signer = new LimeCallSigner(SignatureVectors.GitHubSecret);
        var body = Encoding.UTF8.GetBytes(SignatureVectors.GitHubPayload);

        Assert.Equal(SignatureVectors.GitHubHex, signer.Sign(body));
        Assert.Equal(SignatureVectors.GitHubHex, signer.Sign(body)); // reused keyed state gives the same answer
        Assert.Equal(SignatureVectors.GitHubHex, LimeCallSigner.ComputeSignature(Encoding.UTF8.GetBytes(SignatureVectors.GitHubSecret), body));
    }

    [Fact]
    public void TrySign_DestinationTooSmall_ReturnsFalseAndWritesNothing()
    {
        using var signer = new LimeCallSigner("secret");
        var destination = new char[LimeCallSigner.SignatureLength - 1];

        Assert.False(signer.TrySign("body"u8, destination, out var written));
        Assert.Equal(0, written);
        Assert.All(destination, c => Assert.Equal('\0', c));
    }

    [Fact]
    public void TrySign_ExactDestination_WritesTheSignature()
    {
        using var signer = new LimeCallSigner(SignatureVectors.GitHubSecret);
        var destination = new char[LimeCallSigner.SignatureLength];

        Assert.True(signer.TrySign(Encoding.UTF8.GetBytes(SignatureVectors.GitHubPayload), destination, out var written));
        Assert.Equal(64, written);
        Assert.Equal(SignatureVectors.GitHubHex, new string(destination));
    }

    [Fact]
    public void Constructor_EmptySecret_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LimeCallSigner(string.Empty));
        Assert.Throws<ArgumentException>(() => new LimeCallSigner(ReadOnlySpan<byte>.Empty));
        Assert.Throws<ArgumentNullException>(() => LimeCallSigner.ComputeSignature("s", null!));
    }
}
