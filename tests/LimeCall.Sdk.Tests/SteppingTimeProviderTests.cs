using LimeCall.Sdk.TestKit;
using Microsoft.Extensions.Time.Testing;

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

    [Fact]
    public async Task AClockMovedFromAnotherThreadWhileATimerIsArmed_StillFiresItWhenItsNoteSays()
    {
        // The fake below moves the clock from another thread at the worst moment: after the stepping clock has noted the
        // new timer as due, before the fake has armed it. The clock must not move there; it moves once the timer is armed.
        var fake = new ArmingHookFakeTimeProvider();
        var time = new SteppingTimeProvider(fake);
        Task<bool>? advancing = null;
        fake.BeforeNextArming(() =>
        {
            // A thread of its own: a pool thread may not start within the wait while the pool is busy with other tests.
            advancing = Task.Factory.StartNew(time.AdvanceToNextTimer, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            // A chance for the race (without the lock, the advance finishes in microseconds); with the lock, the advance
            // waits for this call to return, so the wait's result is not part of the claim.
            _ = advancing.Wait(TimeSpan.FromMilliseconds(200));
        });
        var fired = 0;

        using var timer = time.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        Assert.True(await advancing!);

        Assert.Equal((1, TestClock.Start.AddSeconds(1)), (Volatile.Read(ref fired), time.GetUtcNow()));
        Assert.Null(time.NextTimerDueAt);
    }

    private sealed class ArmingHookFakeTimeProvider() : FakeTimeProvider(TestClock.Start)
    {
        private Action? _beforeArming;

        /// <summary>Runs <paramref name="action"/> once, inside the next timer's creation, before the fake arms it.</summary>
        public void BeforeNextArming(Action action) => _beforeArming = action;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Exchange(ref _beforeArming, null)?.Invoke();
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
