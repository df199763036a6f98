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

    [Fact]
    public void TrySign_IntoABufferLongerThanASignature_WritesTheSignatureAtItsStart()
    {
        using var signer = new LimeCallSigner("secret");
        var body = "{}"u8.ToArray();
        var buffer = new char[100];

        Assert.True(signer.TrySign(body, buffer, out var written));
        Assert.Equal(LimeCallSigner.ComputeSignature("secret"u8, body), new string(buffer, 0, written));
        Assert.False(signer.TrySign(body, new char[LimeCallSigner.SignatureLength - 1], out var none));
        Assert.Equal(0, none);
    }

    [Fact]
    public void Secrets_NullOrEmpty_AreRefusedNamingTheParameterNeverTheValue()
    {
        Assert.Equal("secret", Assert.Throws<ArgumentNullException>(() => LimeCallSigner.ComputeSignature(null!, "body")).ParamName);
        var empty = Assert.Throws<ArgumentException>(() => LimeCallSigner.ComputeSignature(string.Empty, "body"));
        Assert.Equal(("secret", "A webhook secret must not be empty. (Parameter 'secret')"), (empty.ParamName, empty.Message));
        Assert.Throws<ArgumentNullException>(() => LimeCallSigner.ComputeSignature("secret", (string)null!));
        Assert.Throws<ArgumentNullException>(() => new LimeCallSignatureVerifier((IEnumerable<string>)null!));
        Assert.Equal(
            "Webhook secrets and tokens must not be null or empty. (Parameter 'secrets')",
            Assert.Throws<ArgumentException>(() => new LimeCallSignatureVerifier("whsec_ok", string.Empty)).Message);
    }
}
