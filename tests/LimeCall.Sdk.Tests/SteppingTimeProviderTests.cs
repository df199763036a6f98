using LimeCall.Sdk.TestKit;

namespace LimeCall.Sdk.Tests;

/// <summary>The one thing the tests' stepping clock adds to FakeTimeProvider: knowing when the next armed timer is due.</summary>
public sealed class SteppingTimeProviderTests
{
    [Fact]
    public void NextTimerDueAt_FollowsCreateChangeFireAndDispose()
    {
        var time = new SteppingTimeProvider();
        var fired = 0;
        Assert.Null(time.NextTimerDueAt);

        using var once = time.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);
        using var periodic = time.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));
        Assert.Equal(TestClock.Start.AddMinutes(5), time.NextTimerDueAt);

        once.Change(TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        Assert.Equal(TestClock.Start.AddMinutes(1), time.NextTimerDueAt);

        Assert.True(time.AdvanceToNextTimer());
        Assert.Equal((1, TestClock.Start.AddMinutes(1)), (fired, time.GetUtcNow()));
        Assert.Equal(TestClock.Start.AddMinutes(10), time.NextTimerDueAt); // the one-shot timer is no longer armed

        Assert.True(time.AdvanceToNextTimer());
        Assert.Equal(TestClock.Start.AddMinutes(20), time.NextTimerDueAt); // a periodic timer re-arms

        periodic.Dispose();
        Assert.Null(time.NextTimerDueAt);
        Assert.False(time.AdvanceToNextTimer());
        Assert.Equal(2, fired);
    }
}
