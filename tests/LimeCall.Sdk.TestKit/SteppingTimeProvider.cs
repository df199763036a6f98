using Microsoft.Extensions.Time.Testing;

namespace LimeCall.Sdk.TestKit;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that can also say when its next armed timer is due, and jump to it.
/// </summary>
/// <remarks>
/// <para><see cref="FakeTimeProvider"/> keeps the time and fires the timers; it has no public way to ask what is armed.
/// Tests need that to run a retry schedule whose delays they do not know (Polly's jittered backoff) without jumping past
/// something that must not fire (an attempt's timeout while a real HTTP request is in flight). This decorator adds only
/// that: it watches the timers it hands out, and leaves time and firing to the fake. Tests that just move time use
/// <see cref="FakeTimeProvider"/> directly.</para>
/// <para>Arming a timer and moving the clock exclude each other (one lock, re-entered by the callbacks an advance fires
/// on its own thread). Without that, a clock moved by the test thread between the moment a timer was noted as due and
/// the moment the fake armed it left the note earlier than the fake's due time: the next step then moved the clock by
/// zero, the timer never fired and <see cref="RunAsync{T}"/> spun for ever (a hang seen once in CI).</para>
/// </remarks>
public sealed class SteppingTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly HashSet<WatchedTimer> _armed = [];

    /// <summary>Creates a clock at <see cref="TestClock.Start"/>.</summary>
    public SteppingTimeProvider()
        : this(new FakeTimeProvider(TestClock.Start))
    {
    }

    /// <summary>Watches the timers of <paramref name="fake"/>.</summary>
    /// <param name="fake">The clock that keeps time and fires timers.</param>
    public SteppingTimeProvider(FakeTimeProvider fake) => Fake = fake;

    /// <summary>Gets the fake clock underneath.</summary>
    public FakeTimeProvider Fake { get; }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    /// <inheritdoc />
    public override long TimestampFrequency => Fake.TimestampFrequency;

    /// <summary>Gets when the earliest armed timer is due, if any.</summary>
    public DateTimeOffset? NextTimerDueAt
    {
        get
        {
            lock (_gate)
            {
                return _armed.Count == 0 ? null : _armed.Min(t => t.DueAt);
            }
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    /// <inheritdoc />
    public override long GetTimestamp() => Fake.GetTimestamp();

    /// <summary>Moves the clock forward, firing every timer that falls due on the way.</summary>
    /// <param name="delta">How far to move.</param>
    public void Advance(TimeSpan delta)
    {
        lock (_gate)
        {
            Fake.Advance(delta);
        }
    }

    /// <summary>Moves the clock exactly to the earliest armed timer, which fires.</summary>
    /// <returns><see langword="false"/> when no timer is armed (the clock does not move).</returns>
    public bool AdvanceToNextTimer() => AdvanceToNextTimer(TimeSpan.MaxValue);

    private bool AdvanceToNextTimer(TimeSpan limit)
    {
        lock (_gate)
        {
            if (_armed.Count == 0)
            {
                return false;
            }

            var delta = _armed.Min(t => t.DueAt) - GetUtcNow();
            if (delta > limit)
            {
                return false;
            }

            Fake.Advance(delta > TimeSpan.Zero ? delta : TimeSpan.Zero);
            return true;
        }
    }

    /// <summary>
    /// Runs <paramref name="call"/> to completion, moving the clock to each timer armed within <paramref name="horizon"/>
    /// (retry delays), never to a later one (an attempt's timeout still running).
    /// </summary>
    /// <typeparam name="T">The call's result.</typeparam>
    /// <param name="call">The call.</param>
    /// <param name="horizon">How far ahead an armed timer may be and still be jumped to; default 5 seconds.</param>
    /// <returns>The call's result.</returns>
    public async Task<T> RunAsync<T>(Func<Task<T>> call, TimeSpan? horizon = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        var limit = horizon ?? TimeSpan.FromSeconds(5);
        var task = call();
        while (!task.IsCompleted)
        {
            AdvanceToNextTimer(limit);
            await Task.Yield();
        }

        return await task.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(this, callback, state);
        timer.Start(dueTime, period);
        return timer;
    }

    private sealed class WatchedTimer(SteppingTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private ITimer? _inner;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; }

        // Noted before the fake arms it (a zero due time fires inside the fake's call, and must find its note to remove),
        // under the lock an advance holds, so the clock cannot move between the note and the arming.
        public void Start(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                Track(dueTime, period);
                _inner = owner.Fake.CreateTimer(static s => ((WatchedTimer)s!).Fire(), this, dueTime, period);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                Track(dueTime, period);
                return _inner!.Change(dueTime, period);
            }
        }

        public void Dispose()
        {
            Untrack();
            _inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private void Fire()
        {
            lock (owner._gate)
            {
                if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
                {
                    DueAt += _period;
                }
                else
                {
                    owner._armed.Remove(this);
                }
            }

            callback(state);
        }

        private void Track(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    owner._armed.Remove(this);
                    return;
                }

                DueAt = owner.GetUtcNow() + dueTime;
                owner._armed.Add(this);
            }
        }

        private void Untrack()
        {
            lock (owner._gate)
            {
                owner._armed.Remove(this);
            }
        }
    }
}
