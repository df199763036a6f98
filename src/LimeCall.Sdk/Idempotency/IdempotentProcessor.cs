using System.Buffers;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LimeCall.Sdk.Idempotency;

/// <summary>
/// Runs a piece of work at most once per key to completion: claims the key, runs the work, and then
/// completes the claim, or releases it when the work throws so that the sender's retry runs it again.
/// </summary>
/// <remarks>
/// <para>
/// Leases are short (<see cref="IdempotentProcessorOptions.LeaseDuration"/>, 15 s by default) and renewed while the work
/// runs, so a crashed worker's key frees within seconds while a slow handler keeps its own. One heartbeat per processor,
/// armed while some work awaits (and until its next beat), renews each claim once a third of a lease has passed since its
/// last renewal: every third to half of a lease. Work that completes synchronously is never renewed.
/// </para>
/// <para>Thread-safe; register one per store and options.</para>
/// </remarks>
public sealed class IdempotentProcessor
{
    private readonly IIdempotencyStore _store;
    private readonly IdempotentProcessorOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TimeSpan _renewEvery;

    // The claims whose work is awaiting, renewed by one heartbeat for all of them, as Kestrel serves every
    // connection's timeouts from one heartbeat: a timer armed and disposed per awaiting request cost about 1.6 µs and
    // 0.1 KB of the receiver's awaiting benchmark row (FakeTimeProvider's timers; the system's cost less, but still
    // take a timer queue's lock twice). The heartbeat beats every sixth of a lease; the first beat that finds no
    // work awaiting disarms it (not the last work to finish: requests one after another would re-arm it every time),
    // so an idle processor arms nothing.
    private readonly Lock _inFlightGate = new();
    private readonly TimeSpan _beat;
    private Renewal? _inFlight;
    private int _inFlightCount;
    private ITimer? _heartbeat;
    private bool _beating;

    // A moving average of how long the work takes here, in ticks (-1 until the first run): what a concurrent
    // duplicate is told to wait.
    private long _typicalWorkTicks = -1;

    /// <summary>Creates a processor.</summary>
    /// <param name="store">Where claims are recorded.</param>
    /// <param name="options">Namespace, lease and retention; read once.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where failed renewals and releases are reported; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    public IdempotentProcessor(IIdempotencyStore store, IdempotentProcessorOptions options, TimeProvider? timeProvider = null, ILogger<IdempotentProcessor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        OptionsValidation.ThrowIfInvalid(new IdempotentProcessorOptionsValidator(), options, nameof(options));
        _store = store;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _renewEvery = options.LeaseDuration / 3;
        _beat = _renewEvery / 2;
    }

    /// <summary>Runs <paramref name="work"/> unless the key, in the configured namespace, was already done or is being done.</summary>
    /// <param name="key">The key, for example an event's <c>IdempotencyKey</c>.</param>
    /// <param name="work">The work; when it throws, the claim is released and the exception propagates.</param>
    /// <param name="cancellationToken">Passed to the store and the work.</param>
    /// <returns>Whether the work ran, was a duplicate, or is in progress elsewhere.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty or too long.</exception>
    public ValueTask<IdempotencyResult> ExecuteAsync(string key, Func<CancellationToken, ValueTask> work, CancellationToken cancellationToken = default)
        => ExecuteAsync(new IdempotencyKey(_options.Namespace, key), work, cancellationToken);

    /// <summary>Runs <paramref name="work"/> unless the key was already done or is being done.</summary>
    /// <param name="key">The namespaced key.</param>
    /// <param name="work">The work; when it throws, the claim is released and the exception propagates.</param>
    /// <param name="cancellationToken">Passed to the store and the work.</param>
    /// <returns>Whether the work ran, was a duplicate, or is in progress elsewhere.</returns>
    public ValueTask<IdempotencyResult> ExecuteAsync(IdempotencyKey key, Func<CancellationToken, ValueTask> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return ExecuteAsync(key, work, static (w, ct) => w(ct), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> with <paramref name="state"/> unless the key, in the configured namespace, was
    /// already done or is being done. With a static lambda this allocates no closure on hot paths.
    /// </summary>
    /// <typeparam name="TState">What the work needs.</typeparam>
    /// <param name="key">The key, for example an event's <c>IdempotencyKey</c>.</param>
    /// <param name="state">Passed to <paramref name="work"/>.</param>
    /// <param name="work">The work; when it throws, the claim is released and the exception propagates.</param>
    /// <param name="cancellationToken">Passed to the store and the work.</param>
    /// <returns>Whether the work ran, was a duplicate, or is in progress elsewhere.</returns>
    public ValueTask<IdempotencyResult> ExecuteAsync<TState>(string key, TState state, Func<TState, CancellationToken, ValueTask> work, CancellationToken cancellationToken = default)
        => ExecuteAsync(new IdempotencyKey(_options.Namespace, key), state, work, cancellationToken);

    /// <summary>Runs <paramref name="work"/> with <paramref name="state"/> unless the key was already done or is being done.</summary>
    /// <typeparam name="TState">What the work needs.</typeparam>
    /// <param name="key">The namespaced key.</param>
    /// <param name="state">Passed to <paramref name="work"/>.</param>
    /// <param name="work">The work; when it throws, the claim is released and the exception propagates.</param>
    /// <param name="cancellationToken">Passed to the store and the work.</param>
    /// <returns>Whether the work ran, was a duplicate, or is in progress elsewhere.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is <c>default</c>.</exception>
    /// <remarks>The returned <see cref="ValueTask{TResult}"/> may come from a pool: await it once, as any ValueTask.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<IdempotencyResult> ExecuteAsync<TState>(IdempotencyKey key, TState state, Func<TState, CancellationToken, ValueTask> work, CancellationToken cancellationToken = default)
    {
        IdempotencyKey.ThrowIfDefault(key);
        ArgumentNullException.ThrowIfNull(work);
        var claim = await _store.ClaimAsync(key, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
        switch (claim.Outcome)
        {
            case IdempotencyClaimOutcome.Acquired:
                break;
            case IdempotencyClaimOutcome.AlreadyCompleted:
                return new() { Outcome = IdempotencyOutcome.Duplicate };
            case IdempotencyClaimOutcome.InProgress:
                return new() { Outcome = IdempotencyOutcome.InProgressElsewhere, RetryAfter = RetryAfterFor(claim.ExpiresAt - _timeProvider.GetUtcNow()) };
            default:
                throw new InvalidOperationException($"The idempotency store answered a claim with {claim.Outcome}; a store must return Acquired, AlreadyCompleted or InProgress.");
        }

        var started = _timeProvider.GetTimestamp();
        try
        {
            var pending = work(state, cancellationToken);
            if (pending.IsCompleted)
            {
                await pending.ConfigureAwait(false);
            }
            else
            {
                // Only work that really awaits is renewed. Awaited here rather than in a method of its own, so a
                // suspended request holds one state machine, not two.
                var renewal = StartRenewing(key, claim.Token);
                try
                {
                    await pending.ConfigureAwait(false);
                }
                finally
                {
                    StopRenewing(renewal);
                }
            }
        }
        catch
        {
            // Not cancellable: a failed attempt must give its claim back even when the request was aborted.
            // If the store cannot be reached, the lease expires and the retry takes the key over.
            await TryReleaseAsync(key, claim.Token).ConfigureAwait(false);
            throw;
        }

        Observe(_timeProvider.GetElapsedTime(started));

        // The work is done: record it even if the caller has meanwhile given up.
        var recorded = await _store.CompleteAsync(key, claim.Token, _options.Retention, CancellationToken.None).ConfigureAwait(false);
        if (!recorded)
        {
            IdempotencyLog.CompletionLost(_logger, LogValues.Escape(key.Value));
        }

        return new() { Outcome = IdempotencyOutcome.Executed, CompletionRecorded = recorded };
    }

    /// <summary>What a concurrent duplicate is told to wait: about twice the typical work here, within the remaining lease, at least 1 s.</summary>
    private TimeSpan RetryAfterFor(TimeSpan remainingLease)
    {
        var typical = Volatile.Read(ref _typicalWorkTicks);
        var wait = typical >= 0 ? TimeSpan.FromTicks(typical * 2) : remainingLease;
        if (wait > remainingLease)
        {
            wait = remainingLease;
        }

        return wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1);
    }

    private void Observe(TimeSpan elapsed)
    {
        // An exponential moving average (1/8 weight): one slow handler does not set every Retry-After.
        var ticks = elapsed.Ticks;
        var current = Volatile.Read(ref _typicalWorkTicks);
        Volatile.Write(ref _typicalWorkTicks, current < 0 ? ticks : current + ((ticks - current) / 8));
    }

    private Renewal StartRenewing(IdempotencyKey key, IdempotencyClaimToken token)
    {
        var renewal = new Renewal(this, key, token, _timeProvider.GetTimestamp());
        lock (_inFlightGate)
        {
            renewal.Next = _inFlight;
            if (_inFlight is not null)
            {
                _inFlight.Previous = renewal;
            }

            _inFlight = renewal;
            _inFlightCount++;
            if (!_beating)
            {
                _beating = true;
                if (_heartbeat is null)
                {
                    _heartbeat = _timeProvider.CreateTimer(static s => ((IdempotentProcessor)s!).Beat(), this, _beat, _beat);
                }
                else
                {
                    _heartbeat.Change(_beat, _beat);
                }
            }
        }

        return renewal;
    }

    private void StopRenewing(Renewal renewal)
    {
        renewal.Stop();
        lock (_inFlightGate)
        {
            if (renewal.Previous is null)
            {
                _inFlight = renewal.Next;
            }
            else
            {
                renewal.Previous.Next = renewal.Next;
            }

            if (renewal.Next is not null)
            {
                renewal.Next.Previous = renewal.Previous;
            }

            renewal.Previous = renewal.Next = null;
            _inFlightCount--;
        }
    }

    /// <summary>Renews every claim whose last renewal is a third of a lease ago; the store is called outside the lock.</summary>
    private void Beat()
    {
        var now = _timeProvider.GetTimestamp();
        Renewal[] due;
        var count = 0;
        lock (_inFlightGate)
        {
            if (_inFlightCount == 0)
            {
                _beating = false;
                _heartbeat!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                return;
            }

            due = ArrayPool<Renewal>.Shared.Rent(_inFlightCount);
            for (var renewal = _inFlight; renewal is not null; renewal = renewal.Next)
            {
                if (renewal.IsDue(now))
                {
                    due[count++] = renewal;
                }
            }
        }

        try
        {
            for (var i = 0; i < count; i++)
            {
                due[i].Renew(now);
            }
        }
        finally
        {
            Array.Clear(due, 0, count);
            ArrayPool<Renewal>.Shared.Return(due);
        }
    }

    private async ValueTask TryReleaseAsync(IdempotencyKey key, IdempotencyClaimToken token)
    {
        try
        {
            await _store.ReleaseAsync(key, token, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The work's own exception is the one to surface; the lease covers a failed release.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            IdempotencyLog.ReleaseFailed(_logger, ex, LogValues.Escape(key.Value));
        }
    }

    /// <summary>One awaiting claim: at most one renewal in flight; stops renewing once the claim is lost or the work is done.</summary>
    private sealed class Renewal(IdempotentProcessor owner, IdempotencyKey key, IdempotencyClaimToken token, long renewedAt)
    {
        private long _renewedAt = renewedAt;
        private int _busy;
        private volatile bool _stopped;

        /// <summary>Gets or sets the neighbours in the processor's list of awaiting claims (under its lock).</summary>
        public Renewal? Previous { get; set; }

        public Renewal? Next { get; set; }

        public void Stop() => _stopped = true;

        public bool IsDue(long now)
            => !_stopped && Volatile.Read(ref _busy) == 0 && owner._timeProvider.GetElapsedTime(Volatile.Read(ref _renewedAt), now) >= owner._renewEvery;

        public void Renew(long now)
        {
            if (_stopped || Interlocked.Exchange(ref _busy, 1) == 1)
            {
                return;
            }

            Volatile.Write(ref _renewedAt, now);
            _ = RenewAsync();
        }

        private async Task RenewAsync()
        {
            try
            {
                // A renewal that finishes after the work did is told the claim is gone (completed): not a lost lease.
                if (!await owner._store.RenewAsync(key, token, owner._options.LeaseDuration, CancellationToken.None).ConfigureAwait(false) && !_stopped)
                {
                    _stopped = true;
                    IdempotencyLog.LeaseLost(owner._logger, LogValues.Escape(key.Value));
                }
            }
#pragma warning disable CA1031 // A timer callback has no caller to throw to: report it; the next beat tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                IdempotencyLog.RenewalFailed(owner._logger, ex, LogValues.Escape(key.Value));
            }
            finally
            {
                Volatile.Write(ref _busy, 0);
            }
        }
    }
}
