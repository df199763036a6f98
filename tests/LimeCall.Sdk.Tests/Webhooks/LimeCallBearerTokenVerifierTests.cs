using LimeCall.Sdk.Webhooks;

namespace LimeCall.Sdk.Tests.Webhooks;

public sealed class LimeCallBearerTokenVerifierTests
{
    [Theory]
    [InlineData("Bearer tok_123")]
    [InlineData("bearer tok_123")]
    [InlineData("BEARER   tok_123")]
    [InlineData("  Bearer tok_123  ")]
    [InlineData("Bearer\ttok_123")]
    public void Verify_ConfiguredToken_IsValid(string header)
    {
        var verifier = new LimeCallBearerTokenVerifier("tok_123");

        var result = verifier.Verify(header);

        Assert.True(result.IsValid);
        Assert.Equal(0, result.MatchedKeyIndex);
    }

    [Theory]
    [InlineData(null, WebhookVerificationOutcome.Missing)]
    [InlineData("", WebhookVerificationOutcome.Missing)]
    [InlineData("   ", WebhookVerificationOutcome.Missing)]
    [InlineData("Bearer", WebhookVerificationOutcome.Malformed)]
    [InlineData("Bearer ", WebhookVerificationOutcome.Malformed)]
    [InlineData("Basic dXNlcjpwYXNz", WebhookVerificationOutcome.Malformed)]
    [InlineData("Bearertok_123", WebhookVerificationOutcome.Malformed)]
    [InlineData("tok_123", WebhookVerificationOutcome.Malformed)]
    [InlineData("Bearer tok_123 extra", WebhookVerificationOutcome.Malformed)]
    [InlineData("Bearer tok_124", WebhookVerificationOutcome.Mismatch)]
    [InlineData("Bearer tok_12", WebhookVerificationOutcome.Mismatch)]
    [InlineData("Bearer TOK_123", WebhookVerificationOutcome.Mismatch)]
    [InlineData("Bearer tök_123", WebhookVerificationOutcome.Mismatch)]
    public void Verify_BadHeader_GivesTheRightOutcomeWithoutThrowing(string? header, WebhookVerificationOutcome expected)
    {
        var verifier = new LimeCallBearerTokenVerifier("tok_123");

        Assert.Equal(expected, verifier.Verify(header).Outcome);
    }

    [Fact]
    public void Verify_OverlongHeader_IsMalformed()
    {
        var verifier = new LimeCallBearerTokenVerifier("tok_123");

        Assert.Equal(WebhookVerificationOutcome.Malformed, verifier.Verify("Bearer " + new string('a', 5000)).Outcome);
    }

    [Fact]
    public void Verify_RotatedTokens_ReportsWhichMatched()
    {
        var verifier = new LimeCallBearerTokenVerifier("new", "old");

        Assert.Equal(1, verifier.Verify("Bearer old").MatchedKeyIndex);
        Assert.Equal(0, verifier.Verify("Bearer new").MatchedKeyIndex);
        Assert.Equal(WebhookVerificationOutcome.Mismatch, verifier.Verify("Bearer older").Outcome);
    }

    [Fact]
    public void Verify_HeaderAtTheLengthLimit_IsRead_AndOneCharacterMoreIsMalformed()
    {
        var token = new string('t', LimeCallBearerTokenVerifier.MaxHeaderLength - "Bearer ".Length);
        var verifier = new LimeCallBearerTokenVerifier(token);

        Assert.Equal(WebhookVerificationOutcome.Valid, verifier.Verify("Bearer " + token).Outcome);
        Assert.Equal(WebhookVerificationOutcome.Malformed, verifier.Verify("Bearer  " + token).Outcome);
    }

    [Fact]
    public void Verify_TheSameTokenConfiguredTwice_ReportsTheFirst()
        => Assert.Equal(0, new LimeCallBearerTokenVerifier("same", "same").Verify("Bearer same").MatchedKeyIndex);

    [Fact]
    public void Constructor_ATokenWithWhiteSpace_SaysWhy()
        => Assert.Equal(
            "A bearer token must not contain white space. (Parameter 'tokens')",
            Assert.Throws<ArgumentException>(() => new LimeCallBearerTokenVerifier("a\tb")).Message);

    [Fact]
    public void Verify_NoTokenConfigured_IsNotConfigured()
    {
        var verifier = new LimeCallBearerTokenVerifier(Array.Empty<string>());

        Assert.Equal(WebhookVerificationOutcome.NotConfigured, verifier.Verify("Bearer anything").Outcome);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    public void Constructor_InvalidToken_ThrowsWithoutEchoingIt(string token)
    {
        var ex = Assert.Throws<ArgumentException>(() => new LimeCallBearerTokenVerifier(token));

        if (token.Length > 0)
        {
            Assert.DoesNotContain(token, ex.Message, StringComparison.Ordinal);
        }
    }
}
