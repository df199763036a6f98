using LimeCall.Sdk.Idempotency;

namespace LimeCall.Sdk.Tests.Idempotency;

public sealed class ClaimTokensTests
{
    [Fact]
    public void Next_FromManyThreads_NeverRepeatsAndNeverIsEmpty()
    {
        var tokens = new System.Collections.Concurrent.ConcurrentBag<Guid>();

        Parallel.For(0, 20_000, _ => tokens.Add(ClaimTokens.Next()));

        Assert.Equal(20_000, tokens.Distinct().Count());
        Assert.DoesNotContain(Guid.Empty, tokens);
    }
}
