using System.Buffers;
using System.Text;
using LimeCall.Sdk.Webhooks;

namespace LimeCall.Sdk.Tests.Webhooks;

public sealed class LimeCallSignatureVerifierTests
{
    private static readonly byte[] GitHubBody = Encoding.UTF8.GetBytes(SignatureVectors.GitHubPayload);

    public static TheoryData<string> GitHubVectorForms() => new(SignatureVectors.AcceptedForms(SignatureVectors.GitHubHex));

    [Theory]
    [MemberData(nameof(GitHubVectorForms))]
    public void Verify_GitHubVectorInEveryAcceptedForm_IsValid(string header)
    {
        using var verifier = new LimeCallSignatureVerifier(SignatureVectors.GitHubSecret);

        var result = verifier.Verify(GitHubBody, header);

        Assert.Equal(WebhookVerificationOutcome.Valid, result.Outcome);
        Assert.True(result.IsValid);
        Assert.Equal(0, result.MatchedKeyIndex);
    }

    [Fact]
    public void Verify_Rfc4231Case1_IsValid()
    {
        using var signer = new LimeCallSigner(SignatureVectors.Rfc4231Case1Key);
        Assert.Equal(SignatureVectors.Rfc4231Case1Hex, signer.Sign(SignatureVectors.Rfc4231Case1Data));

        // The verifier takes text secrets; case 1's key bytes are valid UTF-8 (0x0b is a control character).
        using var verifier = new LimeCallSignatureVerifier(Encoding.UTF8.GetString(SignatureVectors.Rfc4231Case1Key));
        Assert.True(verifier.Verify(SignatureVectors.Rfc4231Case1Data, SignatureVectors.Rfc4231Case1Hex).IsValid);
    }

    [Fact]
    public void Verify_Rfc4231Case2_IsValid()
    {
        using var verifier = new LimeCallSignatureVerifier("Jefe");

        Assert.True(verifier.Verify(SignatureVectors.Rfc4231Case2Data, SignatureVectors.Rfc4231Case2Hex).IsValid);
        Assert.Equal(SignatureVectors.Rfc4231Case2Hex, LimeCallSigner.ComputeSignature(SignatureVectors.Rfc4231Case2Key, SignatureVectors.Rfc4231Case2Data));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    public void Verify_SecretConfiguredAndNoSignature_IsMissingNeverValid(string? header)
    {
        using var verifier = new LimeCallSignatureVerifier("secret");

        var result = verifier.Verify(GitHubBody, header);

        Assert.Equal(WebhookVerificationOutcome.Missing, result.Outcome);
        Assert.False(result.IsValid);
        Assert.Equal(-1, result.MatchedKeyIndex);
    }

    [Fact]
    public void Verify_NoSecretConfigured_IsNotConfiguredEvenForACorrectlyShapedSignature()
    {
        using var verifier = new LimeCallSignatureVerifier(Array.Empty<string>());

        var result = verifier.Verify(GitHubBody, SignatureVectors.GitHubHex);

        Assert.Equal(WebhookVerificationOutcome.NotConfigured, result.Outcome);
        Assert.False(result.IsValid);
    }

    [Theory]
    [InlineData("not a signature")]
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1")] // truncated by one digit
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17a")] // one digit too many
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1g")] // not hex
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043é17")] // non-ASCII
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e１7")] // full-width digit
    [InlineData("sha256=")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData(",,,")]
    [InlineData("dXEH6g6yUJ/CESIczphLijdXC211hsIsRvQ3nIsEPhd4")] // base64 of 33 bytes
    [InlineData("dXEH6g6yUJ/CESIczphLijdXC211hsIsRvQ3nIsEPhd=")] // the vector in base64 with non-zero unused bits
    [InlineData("\0\0\0")]
    public void Verify_GarbageHeader_IsMalformedWithoutThrowing(string header)
    {
        using var verifier = new LimeCallSignatureVerifier(SignatureVectors.GitHubSecret);

        Assert.Equal(WebhookVerificationOutcome.Malformed, verifier.Verify(GitHubBody, header).Outcome);
    }

    [Fact]
    public void Verify_OverlongHeader_IsMalformed()
    {
        using var verifier = new LimeCallSignatureVerifier(SignatureVectors.GitHubSecret);
        var header = SignatureVectors.GitHubHex + new string(' ', 5000);

        Assert.Equal(WebhookVerificationOutcome.Malformed, verifier.Verify(GitHubBody, header).Outcome);
    }

    [Fact]
    public void Verify_MoreCandidatesThanTheLimit_IsMalformedEvenWhenOneMatches()
    {
        using var verifier = new LimeCallSignatureVerifier(SignatureVectors.GitHubSecret);
        var decoys = Enumerable.Repeat(new string('0', 64), 8);
        var header = string.Join(',', decoys.Append(SignatureVectors.GitHubHex));

        Assert.Equal(WebhookVerificationOutcome.Malformed, verifier.Verify(GitHubBody, header).Outcome);
    }

    [Fact]
    public void Verify_ExactlyTheLimitOfCandidates_TheLastOneCorrect_IsValid()
    {
        // Eight is allowed (a sender mid-rotation, proxies appending): the limit is inclusive, and the last slot is read.
        using var verifier = new LimeCallSignatureVerifier(SignatureVectors.GitHubSecret);
        var header = string.Join(',', Enumerable.Repeat(new string('0', 64), 7).Append(SignatureVectors.GitHubHex));

        Assert.True(verifier.Verify(GitHubBody, header).IsValid);
    }

    [Fact]
    public void Verify_TheSameCorrectSignatureTwice_IsValid()
    {
        // Two matching candidates must not cancel each other out (a header duplicated by a proxy).
        using var verifier = new LimeCallSignatureVerifier(SignatureVectors.GitHubSecret);

        Assert.True(verifier.Verify(GitHubBody, $"{SignatureVectors.GitHubHex},{SignatureVectors.GitHubHex}").IsValid);
        Assert.True(verifier.Verify(GitHubBody, $"{SignatureVectors.GitHubHex},{SignatureVectors.GitHubHex},{SignatureVectors.GitHubHex}").IsValid);
    }

    [Fact]
    public void Verify_HeaderAtTheLengthLimit_IsReadAndOneCharacterMoreIsNot()
    {
        using var verifier = new LimeCallSignatureVerifier(SignatureVectors.GitHubSecret);
        var atLimit = SignatureVectors.GitHubHex + new string(' ', 4096 - SignatureVectors.GitHubHex.Length);

        Assert.True(verifier.Verify(GitHubBody, atLimit).IsValid);
        Assert.Equal(WebhookVerificationOutcome.Malformed, verifier.Verify(GitHubBody, atLimit + " ").Outcome);
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18")]
    public void Verify_WellFormedButWrongSignature_IsMismatch(string header)
    {
        using var verifier = new LimeCallSignatureVerifier(SignatureVectors.GitHubSecret);

        Assert.Equal(WebhookVerificationOutcome.Mismatch, verifier.Verify(GitHubBody, header).Outcome);
    }

    [Theory]
    [InlineData("{0},{1}")]
    [InlineData("{1}, {0}")]
    [InlineData("{1} {0}")]
    [InlineData("{1}\t{0}")]
    [InlineData("garbage,{0}")]
    [InlineData("sha256={1},sha256={0}")]
    [InlineData(",{0}")]
    [InlineData(" {0}")]
    [InlineData("{0},")]
    [InlineData("{1},,{0}")]
    public void Verify_SeveralCandidatesOneCorrect_IsValid(string format)
    {
        using var verifier = new LimeCallSignatureVerifier(SignatureVectors.GitHubSecret);
        var header = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, SignatureVectors.GitHubHex, new string('a', 64));

        Assert.True(verifier.Verify(GitHubBody, header).IsValid);
    }

    [Fact]
    public void Verify_RotatedSecrets_ReportsWhichSecretMatched()
    {
        using var verifier = new LimeCallSignatureVerifier("new-secret", "old-secret");
        var body = "{\"event\":\"call.completed\"}"u8.ToArray();

        var byOld = verifier.Verify(body, LimeCallSigner.ComputeSignature("old-secret"u8, body));
        var byNew = verifier.Verify(body, LimeCallSigner.ComputeSignature("new-secret"u8, body));
        var byRetired = verifier.Verify(body, LimeCallSigner.ComputeSignature("retired-secret"u8, body));

        Assert.Equal((WebhookVerificationOutcome.Valid, 1), (byOld.Outcome, byOld.MatchedKeyIndex));
        Assert.Equal((WebhookVerificationOutcome.Valid, 0), (byNew.Outcome, byNew.MatchedKeyIndex));
        Assert.Equal(WebhookVerificationOutcome.Mismatch, byRetired.Outcome);
    }

    [Fact]
    public void Verify_SignedWithBothSecretsDuringRotation_ReportsTheFirstConfiguredSecret()
    {
        // While LimeCall signs with the old and the new secret, the one listed first is the one reported, so a
        // dashboard of "which secret matched" shows when the old one can be removed.
        using var verifier = new LimeCallSignatureVerifier("new-secret", "old-secret");
        var body = "{\"event\":\"call.completed\"}"u8.ToArray();
        var header = LimeCallSigner.ComputeSignature("old-secret"u8, body) + "," + LimeCallSigner.ComputeSignature("new-secret"u8, body);

        var result = verifier.Verify(body, header);

        Assert.Equal((WebhookVerificationOutcome.Valid, 0), (result.Outcome, result.MatchedKeyIndex));
    }

    [Fact]
    public void Verify_EmptyBody_VerifiesItsOwnSignatureOnly()
    {
        using var verifier = new LimeCallSignatureVerifier("secret");
        var emptySignature = LimeCallSigner.ComputeSignature("secret", string.Empty);

        Assert.True(verifier.Verify([], emptySignature).IsValid);
        Assert.Equal(WebhookVerificationOutcome.Mismatch, verifier.Verify("x"u8, emptySignature).Outcome);
    }

    [Fact]
    public void Verify_OneMebibyteBody_IsValidAndDetectsTheLastByteChanging()
    {
        var body = new byte[1024 * 1024];
        new Random(42).NextBytes(body);
        using var verifier = new LimeCallSignatureVerifier("secret");
        var signature = LimeCallSigner.ComputeSignature("secret"u8, body);

        Assert.True(verifier.Verify(body, signature).IsValid);
        body[^1] ^= 1;
        Assert.Equal(WebhookVerificationOutcome.Mismatch, verifier.Verify(body, signature).Outcome);
    }

    [Fact]
    public void Verify_SegmentedSequence_MatchesContiguousSpan()
    {
        var body = new byte[10_000];
        new Random(7).NextBytes(body);
        var signature = LimeCallSigner.ComputeSignature("secret"u8, body);
        using var verifier = new LimeCallSignatureVerifier("secret");

        var segmented = SegmentedSequence.Create(body, segmentSize: 777);
        Assert.False(segmented.IsSingleSegment);
        Assert.True(verifier.Verify(segmented, signature).IsValid);
        Assert.True(verifier.Verify(new ReadOnlySequence<byte>(body), signature).IsValid);

        body[5000] ^= 0x80;
        Assert.Equal(WebhookVerificationOutcome.Mismatch, verifier.Verify(SegmentedSequence.Create(body, 777), signature).Outcome);
    }

    [Fact]
    public void Verify_ConcurrentCallers_AllGetCorrectAnswers()
    {
        using var verifier = new LimeCallSignatureVerifier("a", "b");
        var failures = 0;

        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var body = Encoding.UTF8.GetBytes($"payload {i}");
            var secret = i % 2 == 0 ? "a" : "b";
            var good = verifier.Verify(body, LimeCallSigner.ComputeSignature(secret, $"payload {i}"));
            var bad = verifier.Verify(body, LimeCallSigner.ComputeSignature(secret, $"payload {i + 1}"));
            if (!good.IsValid || good.MatchedKeyIndex != i % 2 || bad.Outcome != WebhookVerificationOutcome.Mismatch)
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    [Fact]
    public void Verify_AfterDispose_Throws()
    {
        var verifier = new LimeCallSignatureVerifier("secret");
        verifier.Dispose();

        Assert.Throws<ObjectDisposedException>(() => verifier.Verify(GitHubBody, SignatureVectors.GitHubHex));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Constructor_EmptyOrNullSecret_ThrowsArgumentException(string? secret)
    {
        Assert.ThrowsAny<ArgumentException>(() => new LimeCallSignatureVerifier(secret!));
    }

    [Fact]
    public void Constructor_SecretValue_NeverAppearsInTheExceptionOrToString()
    {
        const string Secret = "super-secret-value";
        var ex = Assert.Throws<ArgumentException>(() => new LimeCallSignatureVerifier(Secret, string.Empty));
        using var verifier = new LimeCallSignatureVerifier(Secret);
        var result = verifier.Verify(GitHubBody, SignatureVectors.GitHubHex);

        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SignatureVectors.GitHubHex, result.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
