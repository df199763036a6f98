using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LimeCall.Sdk.Tests.Idempotency;

public sealed class IdempotentProcessorTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly InMemoryIdempotencyStore _store;
    private readonly IdempotentProcessor _processor;
    private int _runs;

    public IdempotentProcessorTests()
    {
        _store = new InMemoryIdempotencyStore(new(), _time);
        _processor = new IdempotentProcessor(_store, new IdempotentProcessorOptions { Namespace = "tests" }, _time);
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task ExecuteAsync_FirstThenDuplicate_RunsTheWorkOnce()
    {
        var first = await _processor.ExecuteAsync("evt_1", Work);
        var duplicate = await _processor.ExecuteAsync("evt_1", Work);

        Assert.Equal(new IdempotencyResult { Outcome = IdempotencyOutcome.Executed, CompletionRecorded = true }, first);
        Assert.Equal(IdempotencyOutcome.Duplicate, duplicate.Outcome);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task ExecuteAsync_WorkThrows_ReleasesSoTheRetryRunsIt()
    {
        await Assert.ThrowsAsync<TimeoutException>(() => _processor.ExecuteAsync("evt_1", _ => throw new TimeoutException()).AsTask());

        var retry = await _processor.ExecuteAsync("evt_1", Work);

        Assert.Equal(IdempotencyOutcome.Executed, retry.Outcome);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task ExecuteAsync_WhileAnotherWorkerHoldsTheKey_SaysInProgressWithTheTimeLeft()
    {
        var holder = await _store.ClaimAsync(new IdempotencyKey("tests", "evt_1"), TimeSpan.FromMinutes(5));
        _time.Advance(TimeSpan.FromMinutes(2));

        var result = await _processor.ExecuteAsync("evt_1", Work);

        Assert.Equal(IdempotencyOutcome.InProgressElsewhere, result.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(3), result.RetryAfter);
        Assert.Equal(0, _runs);
        Assert.Equal(IdempotencyClaimOutcome.Acquired, holder.Outcome);
    }

    [Fact]
    public async Task ExecuteAsync_WorkThatOutlastsTheLease_RenewsItSoNoOtherWorkerTakesTheKeyOver()
    {
        var release = new TaskCompletionSource();
        var running = _processor.ExecuteAsync("evt_slow", async _ => { await release.Task; _runs++; });

        // Three leases long, in steps the renewal timer (every third of a lease) fires within.
        for (var step = 0; step < 9; step++)
        {
            _time.Advance(IdempotentProcessorOptions.DefaultLeaseDuration / 3);
        }

        var elsewhere = await _store.ClaimAsync(new IdempotencyKey("tests", "evt_slow"), IdempotentProcessorOptions.DefaultLeaseDuration);
        release.SetResult();
        var result = await running;

        Assert.Equal(IdempotencyClaimOutcome.InProgress, elsewhere.Outcome);
        Assert.Equal(new IdempotencyResult { Outcome = IdempotencyOutcome.Executed, CompletionRecorded = true }, result);
    }

    [Fact]
    public async Task ExecuteAsync_ManyAwaitingWorks_ShareOneHeartbeat_AndEachIsRenewedEveryThirdToHalfOfALease()
    {
        var lease = IdempotentProcessorOptions.DefaultLeaseDuration;
        var step = lease / 60;
        var clock = new CountingTimers(_time);
        var store = new RecordedRenewals(_store, _time);
        var processor = new IdempotentProcessor(store, new IdempotentProcessorOptions { Namespace = "tests" }, clock);
        var release = new TaskCompletionSource();
        var claimedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var running = new List<Task<IdempotencyResult>>();

        // 24 works started a little apart, so they are in every phase of the heartbeat, then three leases of time.
        for (var i = 0; i < 24; i++)
        {
            claimedAt[$"evt_{i}"] = _time.GetUtcNow();
            running.Add(processor.ExecuteAsync($"evt_{i}", async _ => await release.Task).AsTask());
            _time.Advance(step * 7);
        }

        for (var i = 0; i < 180; i++)
        {
            _time.Advance(step);
        }

        foreach (var key in claimedAt.Keys)
        {
            Assert.Equal(IdempotencyClaimOutcome.InProgress, (await _store.ClaimAsync(new IdempotencyKey("tests", key), lease)).Outcome);
        }

        release.SetResult();
        foreach (var result in await Task.WhenAll(running))
        {
            Assert.Equal(new IdempotencyResult { Outcome = IdempotencyOutcome.Executed, CompletionRecorded = true }, result);
        }

        Assert.Equal(1, clock.Created);
        foreach (var (key, start) in claimedAt)
        {
            var times = store.RenewedAt(key);
            Assert.NotEmpty(times);
            var previous = start;
            foreach (var renewed in times)
            {
                Assert.InRange(renewed - previous, lease / 3, lease / 2);
                previous = renewed;
            }
        }
    }

    [Fact]
    public async Task ExecuteAsync_OnceNoWorkAwaits_TheHeartbeatDisarmsAtItsNextBeat_AndTheNextAwaitingWorkIsRenewedAgain()
    {
        var clock = new SteppingTimeProvider(_time);
        var processor = new IdempotentProcessor(_store, new IdempotentProcessorOptions { Namespace = "tests" }, clock);
        Assert.Equal(IdempotencyOutcome.Executed, (await processor.ExecuteAsync("evt_sync", Work)).Outcome);
        Assert.Null(clock.NextTimerDueAt); // synchronous work arms nothing

        var first = new TaskCompletionSource();
        var running = processor.ExecuteAsync("evt_first", async _ => await first.Task);
        Assert.NotNull(clock.NextTimerDueAt);
        first.SetResult();
        await running;
        clock.Advance(IdempotentProcessorOptions.DefaultLeaseDuration / 6);
        Assert.Null(clock.NextTimerDueAt); // the first beat that finds no work awaiting disarms the heartbeat

        var second = new TaskCompletionSource();
        var again = processor.ExecuteAsync("evt_second", async _ => await second.Task);
        for (var step = 0; step < 18; step++)
        {
            clock.Advance(IdempotentProcessorOptions.DefaultLeaseDuration / 6);
        }

        var elsewhere = await _store.ClaimAsync(new IdempotencyKey("tests", "evt_second"), IdempotentProcessorOptions.DefaultLeaseDuration);
        second.SetResult();

        Assert.Equal(IdempotencyClaimOutcome.InProgress, elsewhere.Outcome);
        Assert.True((await again).CompletionRecorded);
        clock.Advance(IdempotentProcessorOptions.DefaultLeaseDuration / 6);
        Assert.Null(clock.NextTimerDueAt);
    }

    [Fact]
    public async Task ExecuteAsync_AwaitingWorksFinishingInAnyOrder_LeaveTheOthersRenewed()
    {
        var lease = IdempotentProcessorOptions.DefaultLeaseDuration;
        var clock = new SteppingTimeProvider(_time);
        var processor = new IdempotentProcessor(_store, new IdempotentProcessorOptions { Namespace = "tests" }, clock);
        var gates = Enumerable.Range(0, 6).Select(_ => new TaskCompletionSource()).ToArray();
        var running = gates.Select((gate, i) => processor.ExecuteAsync($"evt_order_{i}", async _ => await gate.Task).AsTask()).ToArray();

        // The heartbeat's list holds the newest first: one from the middle finishes, then the newest, then the oldest.
        foreach (var i in (int[])[2, 5, 0])
        {
            gates[i].SetResult();
            Assert.True((await running[i]).CompletionRecorded);
        }

        for (var step = 0; step < 18; step++)
        {
            clock.Advance(lease / 6);
        }

        foreach (var i in (int[])[1, 3, 4])
        {
            Assert.Equal(IdempotencyClaimOutcome.InProgress, (await _store.ClaimAsync(new IdempotencyKey("tests", $"evt_order_{i}"), lease)).Outcome);
            gates[i].SetResult();
            Assert.True((await running[i]).CompletionRecorded);
        }

        clock.Advance(lease / 6);
        Assert.Null(clock.NextTimerDueAt);
    }

    [Fact]
    public async Task ExecuteAsync_WorkThatStopsRenewing_FreesTheKeyOneLeaseAfterItsLastRenewal()
    {
        var stuck = new TaskCompletionSource();
        var crashed = new IdempotentProcessor(_store, new IdempotentProcessorOptions { Namespace = "tests" }, new FakeTimeProvider(_time.GetUtcNow()));
        var dead = crashed.ExecuteAsync("evt_crash", async _ => await stuck.Task).AsTask(); // its clock never moves: no renewals, as a dead process

        _time.Advance(IdempotentProcessorOptions.DefaultLeaseDuration);
        var result = await _processor.ExecuteAsync("evt_crash", Work);

        Assert.Equal(IdempotencyOutcome.Executed, result.Outcome);
        Assert.Equal(1, _runs);
        stuck.SetResult();
        Assert.False((await dead).CompletionRecorded); // the dead worker's late completion changes nothing
    }

    [Fact]
    public async Task ExecuteAsync_ADuplicateOfQuickWork_IsToldToRetryInASecondNotWhenTheLeaseEnds()
    {
        var release = new TaskCompletionSource();
        var first = _processor.ExecuteAsync("evt_quick_1", async _ => await release.Task);
        _time.Advance(TimeSpan.FromMilliseconds(200));
        release.SetResult();
        await first;
        var holder = await _store.ClaimAsync(new IdempotencyKey("tests", "evt_quick_2"), IdempotentProcessorOptions.DefaultLeaseDuration);

        var duplicate = await _processor.ExecuteAsync("evt_quick_2", Work);

        Assert.Equal(IdempotencyClaimOutcome.Acquired, holder.Outcome);
        Assert.Equal(new IdempotencyResult { Outcome = IdempotencyOutcome.InProgressElsewhere, RetryAfter = TimeSpan.FromSeconds(1) }, duplicate);
    }

    [Fact]
    public async Task ExecuteAsync_DefaultKey_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _processor.ExecuteAsync(default(IdempotencyKey), Work).AsTask());

        Assert.Equal(0, _runs);
    }

    [Fact]
    public async Task ExecuteAsync_LeaseRunsOutDuringTheWorkAndIsTakenOver_ReportsTheCompletionAsNotRecorded()
    {
        var processor = new IdempotentProcessor(_store, new IdempotentProcessorOptions { Namespace = "tests", LeaseDuration = TimeSpan.FromSeconds(10) }, _time);

        var result = await processor.ExecuteAsync("evt_1", async ct =>
        {
            _time.Advance(TimeSpan.FromSeconds(11));
            Assert.Equal(IdempotencyOutcome.Executed, (await processor.ExecuteAsync("evt_1", Work, ct)).Outcome);
        });

        Assert.Equal(new IdempotencyResult { Outcome = IdempotencyOutcome.Executed, CompletionRecorded = false }, result);
    }

    [Fact]
    public async Task ExecuteAsync_CancelledWork_ReleasesTheClaim()
    {
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _processor.ExecuteAsync("evt_1", ct =>
        {
            cts.Cancel();
            ct.ThrowIfCancellationRequested();
            return ValueTask.CompletedTask;
        }, cts.Token).AsTask());

        Assert.Equal(IdempotencyOutcome.Executed, (await _processor.ExecuteAsync("evt_1", Work)).Outcome);
    }

    [Fact]
    public async Task ExecuteAsync_ADuplicate_IsToldTwiceTheTypicalWork_LearntSlowly_AndNeverPastTheLease()
    {
        await RunTaking("first", TimeSpan.Zero);           // typical: 0 s (the first observation is taken as it is)
        await RunTaking("second", TimeSpan.FromSeconds(16)); // typical: 0 + (16 - 0) / 8 = 2 s
        Assert.Equal(TimeSpan.FromSeconds(4), await RetryAfterOfADuplicate("held-1", IdempotentProcessorOptions.DefaultLeaseDuration));

        await RunTaking("third", TimeSpan.FromSeconds(34)); // typical: 2 + (34 - 2) / 8 = 6 s
        Assert.Equal(TimeSpan.FromSeconds(12), await RetryAfterOfADuplicate("held-2", IdempotentProcessorOptions.DefaultLeaseDuration));

        // Never later than the holder's lease ends: then the key is free to take over.
        Assert.Equal(TimeSpan.FromSeconds(10), await RetryAfterOfADuplicate("held-3", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task ExecuteAsync_RenewsOneAtATime_AndStopsForGoodOnceTheLeaseIsLost()
    {
        var store = new GatedRenewals(_store);
        var processor = new IdempotentProcessor(store, new IdempotentProcessorOptions { Namespace = "tests", LeaseDuration = TimeSpan.FromSeconds(30) }, _time);
        var release = new TaskCompletionSource();
        var running = processor.ExecuteAsync("evt_renewed", async _ => await release.Task);

        // Three renewal periods while the first renewal has not answered: no second one is sent beside it.
        _time.Advance(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, store.Renewals);

        // The store says the lease was lost: the processor stops renewing, however long the work still runs.
        store.Answer(renewed: false);
        for (var period = 0; period < 20; period++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            await Task.Yield(); // lets the answered renewal finish, wherever its continuation was queued
        }

        Assert.Equal(1, store.Renewals);

        release.SetResult();
        Assert.Equal(IdempotencyOutcome.Executed, (await running).Outcome);
    }

    [Fact]
    public async Task ExecuteAsync_NullWork_IsRefusedBeforeAnythingIsClaimed()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => _processor.ExecuteAsync("evt_1", null!).AsTask());
        await Assert.ThrowsAsync<ArgumentNullException>(() => _processor.ExecuteAsync(new IdempotencyKey("tests", "evt_1"), 0, null!).AsTask());

        Assert.Equal(IdempotencyOutcome.Executed, (await _processor.ExecuteAsync("evt_1", Work)).Outcome);
        Assert.Throws<ArgumentNullException>(() => new IdempotentProcessor(null!, new IdempotentProcessorOptions(), _time));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throw()
    {
        Assert.Contains("Namespace", Assert.Throws<ArgumentException>(() => new IdempotentProcessor(_store, new IdempotentProcessorOptions { Namespace = "" }, _time)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new IdempotentProcessor(_store, new IdempotentProcessorOptions { Namespace = new string('n', 101) }, _time));
        Assert.Contains("LeaseDuration", Assert.Throws<ArgumentException>(() => new IdempotentProcessor(_store, new IdempotentProcessorOptions { LeaseDuration = TimeSpan.Zero }, _time)).Message, StringComparison.Ordinal);
        Assert.Contains("Retention", Assert.Throws<ArgumentException>(() => new IdempotentProcessor(_store, new IdempotentProcessorOptions { Retention = TimeSpan.FromSeconds(15) }, _time)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLimeCallIdempotency_RegistersTheProcessorOnTheInMemoryStoreAndValidatesOptions()
    {
        using var good = new ServiceCollection().AddLimeCallIdempotency(o => o.Namespace = "orders").BuildServiceProvider();
        using var bad = new ServiceCollection().AddLimeCallIdempotency(o => o.Retention = TimeSpan.Zero).BuildServiceProvider();

        Assert.IsType<InMemoryIdempotencyStore>(good.GetRequiredService<IIdempotencyStore>());
        Assert.Same(good.GetRequiredService<IdempotentProcessor>(), good.GetRequiredService<IdempotentProcessor>());
        Assert.Same(TimeProvider.System, good.GetRequiredService<TimeProvider>());
        Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<IdempotentProcessor>());
    }

    [Fact]
    public async Task ExecuteAsync_WorkThatFailsWithoutAwaiting_IsNotRecordedAsDone()
    {
        // A faulted ValueTask returned at once (ValueTask.FromException) is as much a failure as an exception thrown.
        await Assert.ThrowsAsync<TimeoutException>(() => _processor.ExecuteAsync("evt_1", _ => ValueTask.FromException(new TimeoutException())).AsTask());

        Assert.Equal(IdempotencyOutcome.Executed, (await _processor.ExecuteAsync("evt_1", Work)).Outcome);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task ExecuteAsync_ADuplicateOfInstantWork_IsToldToRetryInASecond()
    {
        await _processor.ExecuteAsync("evt_instant_1", Work); // no time passes on the test's clock: typical work of zero

        Assert.Equal(TimeSpan.FromSeconds(1), await RetryAfterOfADuplicate("evt_instant_2", TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task ExecuteAsync_AStoreAnsweringNoOutcome_IsRefusedNamingTheStoresDuty()
    {
        var processor = new IdempotentProcessor(new ScriptedStore { Claim = default }, new IdempotentProcessorOptions { Namespace = "tests" }, _time);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => processor.ExecuteAsync("evt_1", Work).AsTask());

        Assert.Equal("The idempotency store answered a claim with None; a store must return Acquired, AlreadyCompleted or InProgress.", ex.Message);
        Assert.Equal(0, _runs);
    }

    [Fact]
    public async Task ExecuteAsync_ACompletionTheStoreRefuses_IsLoggedAsAWarning()
    {
        var logs = new CapturingLoggerProvider();
        var processor = Logged(new ScriptedStore { Completes = false }, logs);

        var result = await processor.ExecuteAsync("evt_taken_over", Work);

        Assert.False(result.CompletionRecorded);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("work for idempotency key evt_taken_over finished, but its claim had been taken over", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_ALeaseLostWhileTheWorkRuns_IsLoggedAsAWarning()
    {
        var logs = new CapturingLoggerProvider();
        var store = new ScriptedStore { Renews = () => false };
        var processor = Logged(store, logs);
        var release = new TaskCompletionSource();
        var running = processor.ExecuteAsync("evt_lost", async _ => await release.Task);

        _time.Advance(TimeSpan.FromSeconds(10));
        await logs.WaitForAsync(l => l.Contains("lease of key evt_lost was lost to another worker", StringComparison.Ordinal));
        release.SetResult();

        Assert.Equal(IdempotencyOutcome.Executed, (await running).Outcome);
    }

    [Fact]
    public async Task ExecuteAsync_ARenewalAnsweredAfterTheWorkFinished_IsNotReportedAsALostLease()
    {
        // The renewal was sent while the work ran and answers after it completed: the store says the claim is no longer
        // in progress, which is the completion, not another worker taking the key.
        var logs = new CapturingLoggerProvider();
        var store = new GatedRenewals(_store);
        var processor = Logged(store, logs);
        var release = new TaskCompletionSource();
        var running = processor.ExecuteAsync("evt_late_renewal", async _ => await release.Task);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, store.Renewals);

        release.SetResult();
        Assert.True((await running).CompletionRecorded);
        // Answered from a pool thread, where nothing is queued: the renewal's continuations run inside this call.
        await Task.Run(() => store.Answer(renewed: false));

        Assert.DoesNotContain(logs.Lines, l => l.Contains("was lost to another worker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExecuteAsync_ARenewalThatFails_IsLoggedAndTheWorkGoesOn()
    {
        var logs = new CapturingLoggerProvider();
        var processor = Logged(new ScriptedStore { Renews = () => throw new IOException("store unreachable") }, logs);
        var release = new TaskCompletionSource();
        var running = processor.ExecuteAsync("evt_renew_fails", async _ => await release.Task);

        _time.Advance(TimeSpan.FromSeconds(10));
        await logs.WaitForAsync(l => l.Contains("Renewing the idempotency lease of key evt_renew_fails failed", StringComparison.Ordinal) && l.Contains("store unreachable", StringComparison.Ordinal));
        release.SetResult();

        Assert.Equal(IdempotencyOutcome.Executed, (await running).Outcome);
    }

    [Fact]
    public async Task ExecuteAsync_AReleaseThatFails_IsLogged_AndTheWorksOwnExceptionSurfaces()
    {
        var logs = new CapturingLoggerProvider();
        var processor = Logged(new ScriptedStore { Releases = () => throw new IOException("store unreachable") }, logs);

        await Assert.ThrowsAsync<TimeoutException>(() => processor.ExecuteAsync("evt_release_fails", _ => throw new TimeoutException()).AsTask());

        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Releasing the idempotency claim of key evt_release_fails failed", StringComparison.Ordinal));
    }

    private IdempotentProcessor Logged(IIdempotencyStore store, CapturingLoggerProvider logs)
    {
        using var factory = new LoggerFactory([logs]);
        return new IdempotentProcessor(store, new IdempotentProcessorOptions { Namespace = "tests", LeaseDuration = TimeSpan.FromSeconds(30) }, _time, factory.CreateLogger<IdempotentProcessor>());
    }

    private ValueTask Work(CancellationToken cancellationToken)
    {
        _runs++;
        return ValueTask.CompletedTask;
    }

    /// <summary>Runs work that takes <paramref name="duration"/> on the fake clock.</summary>
    private async Task RunTaking(string key, TimeSpan duration)
    {
        var release = new TaskCompletionSource();
        var running = _processor.ExecuteAsync(key, async _ => await release.Task);
        _time.Advance(duration);
        release.SetResult();
        Assert.Equal(IdempotencyOutcome.Executed, (await running).Outcome);
    }

    /// <summary>What a duplicate is told while another worker holds <paramref name="key"/> for <paramref name="lease"/>.</summary>
    private async Task<TimeSpan?> RetryAfterOfADuplicate(string key, TimeSpan lease)
    {
        Assert.Equal(IdempotencyClaimOutcome.Acquired, (await _store.ClaimAsync(new IdempotencyKey("tests", key), lease)).Outcome);
        var duplicate = await _processor.ExecuteAsync(key, Work);
        Assert.Equal(IdempotencyOutcome.InProgressElsewhere, duplicate.Outcome);
        return duplicate.RetryAfter;
    }

    /// <summary>A store that claims every key and answers the rest as scripted.</summary>
    private sealed class ScriptedStore : IIdempotencyStore
    {
        public IdempotencyClaim Claim { get; init; } = IdempotencyClaim.Acquired(IdempotencyClaimToken.NewToken(), TestClock.Start.AddMinutes(1));

        public bool Completes { get; init; } = true;

        public Func<bool> Renews { get; init; } = () => true;

        public Func<bool> Releases { get; init; } = () => true;

        public ValueTask<IdempotencyClaim> ClaimAsync(IdempotencyKey key, TimeSpan lease, CancellationToken cancellationToken = default) => ValueTask.FromResult(Claim);

        public ValueTask<bool> RenewAsync(IdempotencyKey key, IdempotencyClaimToken token, TimeSpan lease, CancellationToken cancellationToken = default) => ValueTask.FromResult(Renews());

        public ValueTask<bool> CompleteAsync(IdempotencyKey key, IdempotencyClaimToken token, TimeSpan retention, CancellationToken cancellationToken = default) => ValueTask.FromResult(Completes);

        public ValueTask<bool> ReleaseAsync(IdempotencyKey key, IdempotencyClaimToken token, CancellationToken cancellationToken = default) => ValueTask.FromResult(Releases());
    }

    /// <summary>The clock, counting the timers created on it.</summary>
    private sealed class CountingTimers(FakeTimeProvider inner) : TimeProvider
    {
        private int _created;

        public int Created => Volatile.Read(ref _created);

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp() => inner.GetTimestamp();

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _created);
            return inner.CreateTimer(callback, state, dueTime, period);
        }
    }

    /// <summary>A store noting when each key was renewed.</summary>
    private sealed class RecordedRenewals(IIdempotencyStore inner, TimeProvider time) : IIdempotencyStore
    {
        private readonly List<(string Key, DateTimeOffset At)> _renewals = [];

        public IReadOnlyList<DateTimeOffset> RenewedAt(string key)
        {
            lock (_renewals)
            {
                return [.. _renewals.Where(r => string.Equals(r.Key, key, StringComparison.Ordinal)).Select(r => r.At)];
            }
        }

        public ValueTask<IdempotencyClaim> ClaimAsync(IdempotencyKey key, TimeSpan lease, CancellationToken cancellationToken = default)
            => inner.ClaimAsync(key, lease, cancellationToken);

        public ValueTask<bool> RenewAsync(IdempotencyKey key, IdempotencyClaimToken token, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            lock (_renewals)
            {
                _renewals.Add((key.Value, time.GetUtcNow()));
            }

            return inner.RenewAsync(key, token, lease, cancellationToken);
        }

        public ValueTask<bool> CompleteAsync(IdempotencyKey key, IdempotencyClaimToken token, TimeSpan retention, CancellationToken cancellationToken = default)
            => inner.CompleteAsync(key, token, retention, cancellationToken);

        public ValueTask<bool> ReleaseAsync(IdempotencyKey key, IdempotencyClaimToken token, CancellationToken cancellationToken = default)
            => inner.ReleaseAsync(key, token, cancellationToken);
    }

    /// <summary>A store whose renewals wait until the test answers them, and are counted.</summary>
    private sealed class GatedRenewals(IIdempotencyStore inner) : IIdempotencyStore
    {
        private readonly TaskCompletionSource<bool> _answer = new();
        private int _renewals;

        public int Renewals => Volatile.Read(ref _renewals);

        public void Answer(bool renewed) => _answer.SetResult(renewed);

        public ValueTask<IdempotencyClaim> ClaimAsync(IdempotencyKey key, TimeSpan lease, CancellationToken cancellationToken = default)
            => inner.ClaimAsync(key, lease, cancellationToken);

        public async ValueTask<bool> RenewAsync(IdempotencyKey key, IdempotencyClaimToken token, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _renewals);
            return await _answer.Task.ConfigureAwait(false);
        }

        public ValueTask<bool> CompleteAsync(IdempotencyKey key, IdempotencyClaimToken token, TimeSpan retention, CancellationToken cancellationToken = default)
            => inner.CompleteAsync(key, token, retention, cancellationToken);

        public ValueTask<bool> ReleaseAsync(IdempotencyKey key, IdempotencyClaimToken token, CancellationToken cancellationToken = default)
            => inner.ReleaseAsync(key, token, cancellationToken);
    }
}
