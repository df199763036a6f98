using LimeCall.Sdk.Idempotency;
using Xunit;
using Microsoft.Extensions.Time.Testing;

namespace LimeCall.Sdk.TestKit;

/// <summary>
/// The behaviour every <see cref="IIdempotencyStore"/> promises, run against each store by deriving from
/// this class. <see cref="SecondInstance"/> stands for another process sharing the same store.
/// </summary>
public abstract class IdempotencyStoreContract : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Retention = TimeSpan.FromHours(30);

    // A namespace per test: stores that persist (PostgreSQL) never see another test's keys.
    private readonly string _namespace = "test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Gets the clock every store in the test uses.</summary>
    protected FakeTimeProvider Time { get; } = new(TestClock.Start);

    /// <summary>Gets the store under test.</summary>
    protected IIdempotencyStore Store { get; private set; } = null!;

    /// <summary>Gets a second, independent handle on the same store (another instance of the receiver).</summary>
    protected IIdempotencyStore SecondInstance { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        (Store, SecondInstance) = await CreateStoresAsync();
    }

    /// <inheritdoc />
    public virtual Task DisposeAsync() => Task.CompletedTask;

    [StoreFact]
    public async Task TryClaim_NewKey_IsAcquiredWithATokenAndLease()
    {
        var claim = await Store.ClaimAsync(Key("a"), Lease);

        Assert.Equal(IdempotencyClaimOutcome.Acquired, claim.Outcome);
        Assert.False(claim.Token.IsEmpty);
        Assert.Equal(Time.GetUtcNow() + Lease, claim.ExpiresAt);
    }

    [StoreFact]
    public async Task TryClaim_WhileInProgress_IsInProgressForEveryInstanceUntilTheLeaseEnds()
    {
        var first = await Store.ClaimAsync(Key("a"), Lease);

        var again = await Store.ClaimAsync(Key("a"), Lease);
        var elsewhere = await SecondInstance.ClaimAsync(Key("a"), Lease);

        Assert.Equal(IdempotencyClaimOutcome.InProgress, again.Outcome);
        Assert.Equal(IdempotencyClaimOutcome.InProgress, elsewhere.Outcome);
        Assert.Equal(first.ExpiresAt, elsewhere.ExpiresAt);
        Assert.True(elsewhere.Token.IsEmpty);
    }

    [StoreFact]
    public async Task TryClaim_AfterTheLeaseExpired_IsTakenOverAndTheOldTokenIsFenced()
    {
        var crashed = await Store.ClaimAsync(Key("a"), Lease);
        Time.Advance(Lease);

        var takeover = await SecondInstance.ClaimAsync(Key("a"), Lease);

        Assert.Equal(IdempotencyClaimOutcome.Acquired, takeover.Outcome);
        Assert.NotEqual(crashed.Token, takeover.Token);
        Assert.False(await Store.CompleteAsync(Key("a"), crashed.Token, Retention), "a lapsed claim completed over its successor");
        Assert.False(await Store.ReleaseAsync(Key("a"), crashed.Token), "a lapsed claim released its successor's");
        Assert.True(await SecondInstance.CompleteAsync(Key("a"), takeover.Token, Retention));
    }

    [StoreFact]
    public async Task TryClaim_JustBeforeTheLeaseEnds_IsStillInProgress()
    {
        await Store.ClaimAsync(Key("a"), Lease);
        Time.Advance(Lease - TimeSpan.FromSeconds(1));

        Assert.Equal(IdempotencyClaimOutcome.InProgress, (await SecondInstance.ClaimAsync(Key("a"), Lease)).Outcome);
    }

    [StoreFact]
    public async Task Complete_ThenClaim_IsAlreadyCompletedUntilRetentionEnds()
    {
        var claim = await Store.ClaimAsync(Key("a"), Lease);
        Assert.True(await Store.CompleteAsync(Key("a"), claim.Token, Retention));

        var duplicate = await SecondInstance.ClaimAsync(Key("a"), Lease);
        Time.Advance(Retention - TimeSpan.FromSeconds(1));
        var lateDuplicate = await SecondInstance.ClaimAsync(Key("a"), Lease);
        Time.Advance(TimeSpan.FromSeconds(1));
        var afterRetention = await SecondInstance.ClaimAsync(Key("a"), Lease);

        Assert.Equal(IdempotencyClaimOutcome.AlreadyCompleted, duplicate.Outcome);
        Assert.Equal(IdempotencyClaimOutcome.AlreadyCompleted, lateDuplicate.Outcome);
        Assert.Equal(IdempotencyClaimOutcome.Acquired, afterRetention.Outcome);
    }

    [StoreFact]
    public async Task Release_ThenClaim_IsAcquiredAgainAtOnce()
    {
        var failed = await Store.ClaimAsync(Key("a"), Lease);
        Assert.True(await Store.ReleaseAsync(Key("a"), failed.Token));

        var retry = await SecondInstance.ClaimAsync(Key("a"), Lease);

        Assert.Equal(IdempotencyClaimOutcome.Acquired, retry.Outcome);
        Assert.NotEqual(failed.Token, retry.Token);
    }

    [StoreFact]
    public async Task CompleteAndRelease_WithAWrongTokenOrAfterCompletion_ChangeNothing()
    {
        var claim = await Store.ClaimAsync(Key("a"), Lease);

        Assert.False(await Store.CompleteAsync(Key("a"), IdempotencyClaimToken.NewToken(), Retention));
        Assert.False(await Store.ReleaseAsync(Key("a"), IdempotencyClaimToken.NewToken()));
        Assert.Equal(IdempotencyClaimOutcome.InProgress, (await Store.ClaimAsync(Key("a"), Lease)).Outcome);
        Assert.True(await Store.CompleteAsync(Key("a"), claim.Token, Retention));
        Assert.False(await Store.ReleaseAsync(Key("a"), claim.Token), "a completed key was released");
        Assert.False(await Store.CompleteAsync(Key("a"), claim.Token, Retention), "a completed key was completed twice");
        Assert.Equal(IdempotencyClaimOutcome.AlreadyCompleted, (await Store.ClaimAsync(Key("a"), Lease)).Outcome);
    }

    [StoreFact]
    public async Task Complete_AfterTheExpiredLeaseWasPurged_StillRecordsTheCompletion()
    {
        var slow = await Store.ClaimAsync(Key("a"), Lease);
        Time.Advance(Lease + TimeSpan.FromMinutes(1));
        await PurgeExpiredAsync();

        Assert.True(await Store.CompleteAsync(Key("a"), slow.Token, Retention));
        Assert.Equal(IdempotencyClaimOutcome.AlreadyCompleted, (await SecondInstance.ClaimAsync(Key("a"), Lease)).Outcome);
    }

    [StoreFact]
    public async Task Namespaces_KeepEqualKeysApart()
    {
        var mine = new IdempotencyKey(_namespace + "-app1", "evt_1");
        var theirs = new IdempotencyKey(_namespace + "-app2", "evt_1");

        var claim = await Store.ClaimAsync(mine, Lease);
        await Store.CompleteAsync(mine, claim.Token, Retention);

        Assert.Equal(IdempotencyClaimOutcome.Acquired, (await SecondInstance.ClaimAsync(theirs, Lease)).Outcome);
    }

    [StoreFact]
    public async Task TryClaim_ManyTasksRacingOnTheSameKeys_AcquireEachKeyExactlyOnce()
    {
        const int Keys = 40;
        const int ClaimantsPerKey = 12;
        var acquisitions = new int[Keys];

        var claims = Enumerable.Range(0, Keys * ClaimantsPerKey).Select(i => Task.Run(async () =>
        {
            var store = i % 2 == 0 ? Store : SecondInstance;
            var key = i % Keys;
            var claim = await store.ClaimAsync(Key("race-" + key), Lease);
            if (claim.Outcome == IdempotencyClaimOutcome.Acquired)
            {
                Interlocked.Increment(ref acquisitions[key]);
            }
        }));
        await Task.WhenAll(claims);

        Assert.All(acquisitions, count => Assert.Equal(1, count));
    }

    [StoreFact]
    public async Task Processor_DuplicatesAndInjectedFailures_RunEveryEventToCompletionExactlyOnce()
    {
        const int Events = 30;
        var sideEffects = new int[Events];
        var failuresLeft = Enumerable.Range(0, Events).Select(i => i % 3 == 0 ? 2 : 0).ToArray();
        var processors = new[] { Store, SecondInstance }
            .Select(store => new IdempotentProcessor(store, new IdempotentProcessorOptions { Namespace = _namespace }, Time))
            .ToArray();

        // Each event is delivered four times at once (duplicates), alternately to the two instances, and each
        // delivery is retried until it is acknowledged, as a sender would.
        var deliveries = Enumerable.Range(0, Events * 4).Select(d => Task.Run(async () =>
        {
            var e = d % Events;
            var processor = processors[d % 2];
            // Bounded, but far past any schedule: each try only yields, and on a loaded machine the holder can be slow.
            for (var attempt = 0; attempt < 100_000; attempt++)
            {
                try
                {
                    var result = await processor.ExecuteAsync($"evt_{e}", _ =>
                    {
                        if (Interlocked.Decrement(ref failuresLeft[e]) >= 0)
                        {
                            throw new InvalidOperationException("injected handler failure");
                        }

                        Interlocked.Increment(ref sideEffects[e]);
                        return ValueTask.CompletedTask;
                    });
                    if (result.Outcome != IdempotencyOutcome.InProgressElsewhere)
                    {
                        return;
                    }
                }
                catch (InvalidOperationException)
                {
                    // The sender retries a failed delivery.
                }

                await Task.Yield();
            }

            throw new InvalidOperationException($"delivery of evt_{e} was never acknowledged");
        }));
        await Task.WhenAll(deliveries);

        Assert.All(sideEffects, count => Assert.Equal(1, count));
    }

    [StoreFact]
    public async Task Renew_ByTheHolder_ExtendsTheLeaseForEveryInstance()
    {
        var claim = await Store.ClaimAsync(Key("renew"), Lease);
        Time.Advance(Lease - TimeSpan.FromSeconds(1));

        Assert.True(await Store.RenewAsync(Key("renew"), claim.Token, Lease));
        Time.Advance(TimeSpan.FromSeconds(2)); // past the first lease, inside the renewed one

        var elsewhere = await SecondInstance.ClaimAsync(Key("renew"), Lease);
        Assert.Equal(IdempotencyClaimOutcome.InProgress, elsewhere.Outcome);
        Assert.Equal(Time.GetUtcNow() + Lease - TimeSpan.FromSeconds(2), elsewhere.ExpiresAt);
        Assert.True(await Store.CompleteAsync(Key("renew"), claim.Token, Retention));
    }

    [StoreFact]
    public async Task Renew_WithoutHoldingTheClaim_ChangesNothing()
    {
        var claim = await Store.ClaimAsync(Key("renew"), Lease);

        Assert.False(await SecondInstance.RenewAsync(Key("renew"), IdempotencyClaimToken.NewToken(), Lease));
        Assert.False(await Store.RenewAsync(Key("never-claimed"), claim.Token, Lease));
        Time.Advance(Lease);
        var takeover = await SecondInstance.ClaimAsync(Key("renew"), Lease);
        Assert.Equal(IdempotencyClaimOutcome.Acquired, takeover.Outcome);
        Assert.False(await Store.RenewAsync(Key("renew"), claim.Token, Lease)); // the lapsed holder lost it
        Assert.True(await SecondInstance.CompleteAsync(Key("renew"), takeover.Token, Retention));
        Assert.False(await SecondInstance.RenewAsync(Key("renew"), takeover.Token, Lease)); // done is done
    }

    [StoreFact]
    public async Task EveryTransition_RefusesTheDefaultKey()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ClaimAsync(default, Lease).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => Store.RenewAsync(default, IdempotencyClaimToken.NewToken(), Lease).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CompleteAsync(default, IdempotencyClaimToken.NewToken(), Retention).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReleaseAsync(default, IdempotencyClaimToken.NewToken()).AsTask());
    }

    [StoreFact]
    public async Task EveryTransition_RefusesANonPositiveLeaseOrRetention_AndChangesNothing()
    {
        var held = await Store.ClaimAsync(Key("held"), Lease);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ClaimAsync(Key("new"), TimeSpan.Zero).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ClaimAsync(Key("new"), TimeSpan.FromSeconds(-1)).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.RenewAsync(Key("held"), held.Token, TimeSpan.Zero).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.CompleteAsync(Key("held"), held.Token, TimeSpan.Zero).AsTask());

        // A zero lease would have been a claim that expires as it is made; a zero retention, a completion forgotten at once.
        Assert.Equal(IdempotencyClaimOutcome.Acquired, (await SecondInstance.ClaimAsync(Key("new"), Lease)).Outcome);
        Assert.Equal(IdempotencyClaimOutcome.InProgress, (await SecondInstance.ClaimAsync(Key("held"), Lease)).Outcome);
    }

    [StoreFact]
    public async Task EveryTransition_WithTheCallersTokenCancelled_ThrowsAndChangesNothing()
    {
        var held = await Store.ClaimAsync(Key("held"), Lease);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.ClaimAsync(Key("new"), Lease, cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.RenewAsync(Key("held"), held.Token, Lease, cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.CompleteAsync(Key("held"), held.Token, Retention, cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.ReleaseAsync(Key("held"), held.Token, cancelled.Token).AsTask());

        Assert.Equal(IdempotencyClaimOutcome.Acquired, (await SecondInstance.ClaimAsync(Key("new"), Lease)).Outcome);
        Assert.Equal(IdempotencyClaimOutcome.InProgress, (await SecondInstance.ClaimAsync(Key("held"), Lease)).Outcome);
        Assert.True(await Store.CompleteAsync(Key("held"), held.Token, Retention));
    }

    [StoreFact]
    public void EveryTransition_BlockedOnByASyncOverAsyncCaller_NeverResumesOnItsContext()
    {
        var posts = CountingSynchronizationContext.CountPosts(() =>
        {
            var claim = Store.ClaimAsync(Key("blocking"), Lease).AsTask().GetAwaiter().GetResult();
            Assert.True(Store.RenewAsync(Key("blocking"), claim.Token, Lease).AsTask().GetAwaiter().GetResult());
            Assert.True(Store.ReleaseAsync(Key("blocking"), claim.Token).AsTask().GetAwaiter().GetResult());
            var again = Store.ClaimAsync(Key("blocking"), Lease).AsTask().GetAwaiter().GetResult();
            Assert.True(Store.CompleteAsync(Key("blocking"), again.Token, Retention).AsTask().GetAwaiter().GetResult());
        });

        Assert.Equal(0, posts);
    }

    /// <summary>Creates the store under test and a second instance sharing its state, on <see cref="Time"/>.</summary>
    /// <returns>The two handles.</returns>
    protected abstract Task<(IIdempotencyStore Store, IIdempotencyStore SecondInstance)> CreateStoresAsync();

    /// <summary>Removes expired entries the way the store's housekeeping does.</summary>
    /// <returns>A task that completes when done.</returns>
    protected abstract Task PurgeExpiredAsync();

    /// <summary>Gets a key in this test's namespace.</summary>
    /// <param name="value">The key.</param>
    /// <returns>The namespaced key.</returns>
    protected IdempotencyKey Key(string value) => new(_namespace, value);
}
