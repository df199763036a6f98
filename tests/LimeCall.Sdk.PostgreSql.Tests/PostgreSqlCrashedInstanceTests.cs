using System.Threading.Channels;
using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.TestKit;
using Npgsql;
using Microsoft.Extensions.Time.Testing;

namespace LimeCall.Sdk.PostgreSql.Tests;

/// <summary>
/// Two receiver instances on one PostgreSQL, each with its own clock: an instance that dies mid-claim stops renewing,
/// and the other processes the event one lease (seconds) later; a live instance keeps its claim however long it works.
/// </summary>
[RequiresPostgreSql]
[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlCrashedInstanceTests(PostgreSqlServer server) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 1, 30, 15, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = IdempotentProcessorOptions.DefaultLeaseDuration;
    private readonly string _namespace = "crash-" + Guid.NewGuid().ToString("N")[..12];
    private readonly FakeTimeProvider _clockA = new(Start);
    private readonly FakeTimeProvider _clockB = new(Start);
    private readonly TaskCompletionSource _renewalArmed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private NpgsqlDataSource _instanceA = null!;
    private NpgsqlDataSource _instanceB = null!;
    private int _sideEffects;

    public Task InitializeAsync()
    {
        _instanceA = NpgsqlDataSource.Create(server.ConnectionString);
        _instanceB = NpgsqlDataSource.Create(server.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _instanceA.DisposeAsync();
        await _instanceB.DisposeAsync();
    }

    [StoreFact]
    public async Task InstanceKilledMidClaim_TheOtherProcessesTheEventOneLeaseLater()
    {
        var (a, _) = Processor(_instanceA, _clockA);
        var (b, _) = Processor(_instanceB, _clockB);
        var started = new TaskCompletionSource();
        var never = new TaskCompletionSource();
        var dying = a.ExecuteAsync("evt_crash", async _ => { started.SetResult(); await never.Task; }).AsTask();
        await started.Task;

        // Instance A is dead from here: its clock, and with it its renewal timer, never moves again.
        _clockB.Advance(Lease - TimeSpan.FromSeconds(1));
        var tooEarly = await b.ExecuteAsync("evt_crash", SideEffect);
        _clockB.Advance(TimeSpan.FromSeconds(1));
        var taken = await b.ExecuteAsync("evt_crash", SideEffect);

        Assert.Equal(IdempotencyOutcome.InProgressElsewhere, tooEarly.Outcome);
        Assert.True(tooEarly.RetryAfter <= TimeSpan.FromSeconds(1), $"Retry-After {tooEarly.RetryAfter}, not the rest of a long lease");
        Assert.Equal(new IdempotencyResult { Outcome = IdempotencyOutcome.Executed, CompletionRecorded = true }, taken);
        Assert.Equal(1, _sideEffects);
        Assert.False(dying.IsCompleted);
    }

    [StoreFact]
    public async Task LiveInstanceWorkingForThreeLeases_KeepsItsClaimBecauseItRenews()
    {
        var (a, renewals) = Processor(_instanceA, new TimerSignallingClock(_clockA, _renewalArmed));
        var (b, _) = Processor(_instanceB, _clockB);
        var finish = new TaskCompletionSource();
        var working = a.ExecuteAsync("evt_slow", async _ => { await finish.Task; await SideEffect(default); }).AsTask();
        await _renewalArmed.Task; // the work is running and its renewal timer is armed on A's clock

        for (var step = 0; step < 9; step++)
        {
            _clockA.Advance(Lease / 3);
            Assert.True(await renewals.ReadAsync()); // a sync point: the renewal statement has run
            _clockB.Advance(Lease / 3);
            Assert.Equal(IdempotencyOutcome.InProgressElsewhere, (await b.ExecuteAsync("evt_slow", SideEffect)).Outcome);
        }

        finish.SetResult();
        var done = await working;
        var duplicate = await b.ExecuteAsync("evt_slow", SideEffect);

        Assert.Equal(new IdempotencyResult { Outcome = IdempotencyOutcome.Executed, CompletionRecorded = true }, done);
        Assert.Equal(IdempotencyOutcome.Duplicate, duplicate.Outcome);
        Assert.Equal(1, _sideEffects);
    }

    private ValueTask SideEffect(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _sideEffects);
        return ValueTask.CompletedTask;
    }

    private (IdempotentProcessor Processor, ChannelReader<bool> Renewals) Processor(NpgsqlDataSource dataSource, TimeProvider clock)
    {
        var store = new RenewalSignallingStore(new PostgreSqlIdempotencyStore(dataSource, new(), clock));
        return (new IdempotentProcessor(store, new IdempotentProcessorOptions { Namespace = _namespace }, clock), store.Renewals.Reader);
    }

    /// <summary>The manual clock, reporting when a timer is armed on it: the sync point before the test moves it.</summary>
    private sealed class TimerSignallingClock(FakeTimeProvider inner, TaskCompletionSource armed) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp() => inner.GetTimestamp();

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = inner.CreateTimer(callback, state, dueTime, period);
            armed.TrySetResult();
            return timer;
        }
    }

    /// <summary>Passes every call through, and reports each finished renewal so the test can wait for it.</summary>
    private sealed class RenewalSignallingStore(IIdempotencyStore inner) : IIdempotencyStore
    {
        public Channel<bool> Renewals { get; } = Channel.CreateUnbounded<bool>();

        public ValueTask<IdempotencyClaim> ClaimAsync(IdempotencyKey key, TimeSpan lease, CancellationToken cancellationToken = default)
            => inner.ClaimAsync(key, lease, cancellationToken);

        public async ValueTask<bool> RenewAsync(IdempotencyKey key, IdempotencyClaimToken token, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            var renewed = await inner.RenewAsync(key, token, lease, cancellationToken);
            Renewals.Writer.TryWrite(renewed);
            return renewed;
        }

        public ValueTask<bool> CompleteAsync(IdempotencyKey key, IdempotencyClaimToken token, TimeSpan retention, CancellationToken cancellationToken = default)
            => inner.CompleteAsync(key, token, retention, cancellationToken);

        public ValueTask<bool> ReleaseAsync(IdempotencyKey key, IdempotencyClaimToken token, CancellationToken cancellationToken = default)
            => inner.ReleaseAsync(key, token, cancellationToken);
    }
}
