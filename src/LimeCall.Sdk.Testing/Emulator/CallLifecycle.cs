using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Testing.Emulator;

/// <summary>
/// The callback lifecycle as a state machine: <see cref="EmulatedCallbackStatus.Scheduled"/> → <c>Initiated</c> (at the due
/// time) → <c>Missed</c> or <c>Connected</c> (after the ring time) → <c>Completed</c> (after the call). Each transition emits
/// its webhook, then arms the callback's one timer for the next; a callback that ends gives its timer back, so the
/// emulator holds timers only for calls in progress.
/// </summary>
/// <remarks>Transitions of one callback never overlap: its timer is re-armed only from its own transition.</remarks>
internal sealed class CallLifecycle : IDisposable
{
    private readonly LimeCallApiEmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly IdSequence _ids;
    private readonly Action<LimeCallEventData> _emit;
    private readonly Lock _gate = new();
    private readonly List<EmulatedCallback> _callbacks = [];
    private readonly Dictionary<EmulatedCallback, ITimer> _timers = new(ReferenceEqualityComparer.Instance);
    private bool _disposed;

    public CallLifecycle(LimeCallApiEmulatorOptions options, TimeProvider time, IdSequence ids, Action<LimeCallEventData> emit)
    {
        _options = options;
        _time = time;
        _ids = ids;
        _emit = emit;
    }

    public IReadOnlyList<EmulatedCallback> Callbacks
    {
        get
        {
            lock (_gate)
            {
                return [.. _callbacks];
            }
        }
    }

    /// <summary>Gets how many callbacks hold a timer (are still in progress); for tests of the emulator.</summary>
    internal int ActiveTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>Creates a callback due at <paramref name="requested"/> (or now), moved into business hours, and starts its lifecycle.</summary>
    /// <remarks>One instant per request: reading the clock twice made an immediate callback look "scheduled" on a real clock.</remarks>
    public EmulatedCallback Schedule(string customer, string team, DateTimeOffset? requested, string? idempotencyKey, DateTimeOffset now)
    {
        var due = requested ?? now;
        if (_options.BusinessHours is { } hours)
        {
            due = hours.NextOpenAt(due);
        }

        var n = _ids.Next();
        var callback = new EmulatedCallback($"cb_{n:D6}", $"call_{n:D6}", customer, team, requested, due, idempotencyKey);
        lock (_gate)
        {
            _callbacks.Add(callback);
        }

        ArmNext(callback, due - now);
        return callback;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var timer in _timers.Values)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }
    }

    private void ArmNext(EmulatedCallback callback, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Advance(callback);
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (_timers.TryGetValue(callback, out var timer))
            {
                timer.Change(delay, Timeout.InfiniteTimeSpan);
            }
            else
            {
                _timers[callback] = _time.CreateTimer(static state => ((CallbackTimerState)state!).Fire(), new CallbackTimerState(this, callback), delay, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void Advance(EmulatedCallback callback)
    {
        switch (callback.Status)
        {
            case EmulatedCallbackStatus.Scheduled:
                callback.Status = EmulatedCallbackStatus.Initiated;
                _emit(Data<CallInitiatedEvent>(callback, "initiated") with { ScheduledAt = callback.RequestedAt });
                ArmNext(callback, _options.RingTime);
                break;
            case EmulatedCallbackStatus.Initiated when _options.Outcome(callback) == EmulatedCallOutcome.Missed:
                callback.Status = EmulatedCallbackStatus.Missed;
                _emit(Data<CallMissedEvent>(callback, "missed"));
                End(callback);
                break;
            case EmulatedCallbackStatus.Initiated:
                callback.Status = EmulatedCallbackStatus.Connected;
                _emit(Data<CallConnectedEvent>(callback, "connected"));
                ArmNext(callback, _options.CallDuration);
                break;
            case EmulatedCallbackStatus.Connected:
                callback.Status = EmulatedCallbackStatus.Completed;
                _emit(Data<CallCompletedEvent>(callback, "completed") with { Duration = (int)_options.CallDuration.TotalSeconds, Outcome = "answered" });
                End(callback);
                break;
            default:
                End(callback); // a final state has no next transition
                break;
        }
    }

    private void End(EmulatedCallback callback)
    {
        lock (_gate)
        {
            if (_timers.Remove(callback, out var timer))
            {
                timer.Dispose();
            }
        }
    }

    private static T Data<T>(EmulatedCallback callback, string status)
        where T : CallEvent, new()
        => new()
        {
            CallId = callback.CallId,
            CallbackId = callback.Id,
            CustomerNumber = callback.CustomerNumber,
            TeamNumber = callback.TeamNumber,
            Direction = "outbound",
            Status = status,
        };

    private sealed class CallbackTimerState(CallLifecycle lifecycle, EmulatedCallback callback)
    {
        public void Fire() => lifecycle.Advance(callback);
    }
}
