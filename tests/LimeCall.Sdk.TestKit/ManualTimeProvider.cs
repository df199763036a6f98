namespace LimeCall.Sdk.TestKit;

/// <summary>
/// A <see cref="TimeProvider"/> that moves only when told to, firing due timers in time order as it does,
/// so that a 24-hour retry schedule or a lease expiry runs in microseconds of a test.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;

    /// <summary>Creates a clock at <paramref name="start"/>, or at 2025-01-30T15:00:00Z.</summary>
    /// <param name="start">The initial time.</param>
    public ManualTimeProvider(DateTimeOffset? start = null)
    {
        _now = start ?? new DateTimeOffset(2025, 1, 30, 15, 0, 0, TimeSpan.Zero);
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Moves the clock forward, firing every timer that falls due on the way, each at its own time.</summary>
    /// <param name="delta">How far to move; not negative.</param>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }

        while (true)
        {
            ManualTimer? due;
            lock (_gate)
            {
                due = _timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                if (due is null)
                {
                    _now = target;
                    return;
                }

                _now = due.DueAt > _now ? due.DueAt : _now;
                due.Reschedule();
            }

            due.Fire();
        }
    }

    /// <summary>Gets when the earliest armed timer is due, if any.</summary>
    public DateTimeOffset? NextTimerDueAt
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count == 0 ? null : _timers.Min(t => t.DueAt);
            }
        }
    }

    /// <summary>Moves the clock exactly to the earliest armed timer and fires it.</summary>
    /// <returns><see langword="false"/> when no timer is armed (the clock does not move).</returns>
    public bool AdvanceToNextTimer()
    {
        TimeSpan delta;
        lock (_gate)
        {
            if (_timers.Count == 0)
            {
                return false;
            }

            var next = _timers.Min(t => t.DueAt);
            delta = next > _now ? next - _now : TimeSpan.Zero;
        }

        Advance(delta);
        return true;
    }

    /// <summary>
    /// Runs <paramref name="call"/> to completion, moving the clock to each timer that is armed within
    /// <paramref name="horizon"/> (retry delays), never to a later one (an attempt's timeout still running).
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
            if (NextTimerDueAt is { } due && due - GetUtcNow() <= limit)
            {
                AdvanceToNextTimer();
            }

            await Task.Yield();
        }

        return await task.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                _period = period;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    DueAt = owner._now + dueTime;
                    owner._timers.Add(this);
                }
            }

            return true;
        }

        public void Reschedule()
        {
            owner._timers.Remove(this);
            if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
            {
                DueAt += _period;
                owner._timers.Add(this);
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
