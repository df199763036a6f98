using LimeCall.Sdk.Idempotency;

namespace LimeCall.Sdk.Tests.Idempotency;

/// <summary>The key's limits, at their edges: every store stores what the key accepts, so the limits are the contract.</summary>
public sealed class IdempotencyKeyTests
{
    [Fact]
    public void Key_AtBothLimits_IsAccepted_AndOneCharacterMoreIsRefusedNamingThePart()
    {
        var longest = new IdempotencyKey(new string('n', 100), new string('k', 500));

        Assert.Equal((100, 500), (longest.Namespace.Length, longest.Value.Length));
        Assert.Equal("namespace", Assert.Throws<ArgumentOutOfRangeException>(() => new IdempotencyKey(new string('n', 101), "k")).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => new IdempotencyKey("n", new string('k', 501))).ParamName);
        Assert.Equal((100, 500), (IdempotencyKey.MaxNamespaceLength, IdempotencyKey.MaxValueLength)); // as documented
    }

    [Theory]
    [InlineData("", "k")]
    [InlineData("n", "")]
    public void Key_WithAnEmptyPart_IsRefused(string @namespace, string value)
        => Assert.ThrowsAny<ArgumentException>(() => new IdempotencyKey(@namespace, value));

    [Fact]
    public void DefaultKey_IsNotAKey()
    {
        var none = default(IdempotencyKey);

        Assert.True(none.IsDefault);
        Assert.Equal((string.Empty, string.Empty), (none.Namespace, none.Value));
    }
}
