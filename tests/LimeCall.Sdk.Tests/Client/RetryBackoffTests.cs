using LimeCall.Sdk.Client;

namespace LimeCall.Sdk.Tests.Client;

/// <summary>The client's backoff: half to all of the base delay, doubling per retry, and never an overflow.</summary>
public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(0, 0.0, 500)]
    [InlineData(0, 0.5, 750)]
    [InlineData(1, 0.0, 1000)]
    [InlineData(3, 0.0, 4000)]
    [InlineData(3, 0.5, 6000)]
    public void Backoff_IsHalfToAllOfTheBaseDelayTimesTwoToTheRetry(int attempt, double random, int expectedMilliseconds)
        => Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), RetryPolicy.Backoff(attempt, TimeSpan.FromSeconds(1), random));

    [Fact]
    public void Backoff_AtTheTopOfItsRange_IsTheFullDelay_NeverMore()
        => Assert.Equal(TimeSpan.FromSeconds(8), RetryPolicy.Backoff(3, TimeSpan.FromSeconds(1), Math.BitDecrement(1.0)));

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void Backoff_PastWhatATimeSpanHolds_IsTheLongestTimeSpan_NotAnOverflow(int attempt)
        => Assert.Equal(TimeSpan.MaxValue, RetryPolicy.Backoff(attempt, TimeSpan.MaxValue, 0.99));
}
