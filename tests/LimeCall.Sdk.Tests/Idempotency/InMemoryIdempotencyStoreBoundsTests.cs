using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace LimeCall.Sdk.Tests.Idempotency;

/// <summary>What only a bounded, in-process store must get right: capacity, eviction order, sweeping, disposal.</summary>
public sealed class InMemoryIdempotencyStoreBoundsTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Retention = TimeSpan.FromHours(30);
    private readonly FakeTimeProvider _time = new(TestClock.Start);

    [Fact]
    public async Task TryClaim_WhenFull_EvictsTheOldestCompletedKeyFirst()
    {
        using var store = Create(capacity: 3);
        await Complete(store, "first");
        _time.Advance(TimeSpan.FromSeconds(1));
        await Complete(store, "second");
        await store.ClaimAsync(Key("in-progress"), Lease);

        var claim = await store.ClaimAsync(Key("new"), Lease);

        Assert.Equal(IdempotencyClaimOutcome.Acquired, claim.Outcome);
        Assert.Equal(3, store.Count);

        // "first" was evicted (it is new again); "second" and the claim in progress were kept.
        Assert.Equal(IdempotencyClaimOutcome.AlreadyCompleted, (await store.ClaimAsync(Key("second"), Lease)).Outcome);
        Assert.Equal(IdempotencyClaimOutcome.InProgress, (await store.ClaimAsync(Key("in-progress"), Lease)).Outcome);
        Assert.Equal(IdempotencyClaimOutcome.Acquired, (await store.ClaimAsync(Key("first"), Lease)).Outcome);
    }

    [Fact]
    public async Task TryClaim_WhenFull_NeverEvictsAClaimInProgressAndSaysSo()
    {
        using var store = Create(capacity: 2);
        var a = await store.ClaimAsync(Key("a"), Lease);
        await store.ClaimAsync(Key("b"), Lease);

        await Assert.ThrowsAsync<IdempotencyCapacityExceededException>(() => store.ClaimAsync(Key("c"), Lease).AsTask());

        Assert.Equal(IdempotencyClaimOutcome.InProgress, (await store.ClaimAsync(Key("a"), Lease)).Outcome);
        Assert.True(await store.CompleteAsync(Key("a"), a.Token, Retention));
        Assert.Equal(IdempotencyClaimOutcome.Acquired, (await store.ClaimAsync(Key("c"), Lease)).Outcome);
        Assert.Equal(IdempotencyClaimOutcome.InProgress, (await store.ClaimAsync(Key("b"), Lease)).Outcome);
    }

    [Fact]
    public async Task TryClaim_WhenFullOfClaims_TakesAnExpiredShortLeaseThatSitsBehindALongerOne()
    {
        using var store = Create(capacity: 2);
        await store.ClaimAsync(Key("long"), TimeSpan.FromHours(1));
        await store.ClaimAsync(Key("short"), TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(6));

        var claim = await store.ClaimAsync(Key("new"), Lease);

        // The lapsed short claim made room (not a capacity refusal); the long one is untouched.
        Assert.Equal(IdempotencyClaimOutcome.Acquired, claim.Outcome);
        Assert.Equal(2, store.Count);
        Assert.Equal(IdempotencyClaimOutcome.InProgress, (await store.ClaimAsync(Key("long"), Lease)).Outcome);
    }

    [Fact]
    public async Task Renew_MovesTheClaimBehindLaterOnes_SoExpiryStillFindsTheOldestFirst()
    {
        using var store = Create(capacity: 2);
        var renewed = await store.ClaimAsync(Key("renewed"), Lease);
        _time.Advance(TimeSpan.FromMinutes(1));
        await store.ClaimAsync(Key("stuck"), Lease);
        _time.Advance(TimeSpan.FromMinutes(3));
        Assert.True(await store.RenewAsync(Key("renewed"), renewed.Token, Lease));
        _time.Advance(TimeSpan.FromMinutes(2)); // "stuck" has expired (6 min > 1 + 5); "renewed" has 3 minutes left

        var claim = await store.ClaimAsync(Key("new"), Lease);

        Assert.Equal(IdempotencyClaimOutcome.Acquired, claim.Outcome);
        Assert.Equal(IdempotencyClaimOutcome.InProgress, (await store.ClaimAsync(Key("renewed"), Lease)).Outcome);
    }

    [Fact]
    public async Task TryClaim_WhenFull_DropsExpiredKeysBeforeAnyCompletedOne()
    {
        using var store = Create(capacity: 2);
        await store.ClaimAsync(Key("crashed"), Lease);
        await Complete(store, "done");
        _time.Advance(Lease);

        await store.ClaimAsync(Key("new"), Lease);

        Assert.Equal(IdempotencyClaimOutcome.AlreadyCompleted, (await store.ClaimAsync(Key("done"), Lease)).Outcome);
    }

    [Fact]
    public async Task Sweep_OnTheTimeProvidersTimer_RemovesExpiredKeysOnly()
    {
        using var store = new InMemoryIdempotencyStore(new() { SweepInterval = TimeSpan.FromMinutes(1) }, _time);
        await store.ClaimAsync(Key("lapsing"), TimeSpan.FromSeconds(30));
        await Complete(store, "kept");
        await store.ClaimAsync(Key("working"), TimeSpan.FromHours(1));

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(3, store.Count);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, store.Count);
        _time.Advance(Retention);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task Sweep_RemovesEveryExpiredKeyAtOnce_AndSaysHowMany()
    {
        using var store = Create(capacity: 10);
        await store.ClaimAsync(Key("lapsed-1"), TimeSpan.FromSeconds(10));
        await store.ClaimAsync(Key("lapsed-2"), TimeSpan.FromSeconds(20));
        await store.ClaimAsync(Key("working"), Retention * 2);
        await Complete(store, "done");
        await Complete(store, "done-too");
        _time.Advance(Retention);

        Assert.Equal(4, store.Sweep());
        Assert.Equal(1, store.Count);
        Assert.Equal(0, store.Sweep());
    }

    [Fact]
    public async Task TryClaim_AnExpiredCompletedKeyClaimedAgain_IsAClaimInProgress_NeverEvictedToMakeRoom()
    {
        using var store = Create(capacity: 2);
        var first = await store.ClaimAsync(Key("again"), Lease);
        Assert.True(await store.CompleteAsync(Key("again"), first.Token, TimeSpan.FromMinutes(1)));
        _time.Advance(TimeSpan.FromMinutes(1));

        // Its retention has passed: the key is new again, and now a claim in progress.
        var again = await store.ClaimAsync(Key("again"), Lease);
        Assert.Equal(IdempotencyClaimOutcome.Acquired, again.Outcome);
        await Complete(store, "done");

        // Full: the room is made by evicting the completed key, never the claim that is running.
        Assert.Equal(IdempotencyClaimOutcome.Acquired, (await store.ClaimAsync(Key("new"), Lease)).Outcome);
        Assert.Equal(IdempotencyClaimOutcome.InProgress, (await store.ClaimAsync(Key("again"), Lease)).Outcome);
        Assert.True(await store.CompleteAsync(Key("again"), again.Token, Retention));
    }

    [Fact]
    public async Task TryClaim_WhenFull_EvictsAsManyCompletedKeysAsTheExpiredOnesDoNotFree()
    {
        using var store = Create(capacity: 3);
        await Complete(store, "old-1");
        await Complete(store, "old-2");
        await Complete(store, "old-3");

        // One new key evicts exactly one completed key: the oldest.
        await store.ClaimAsync(Key("new"), Lease);

        Assert.Equal(3, store.Count);
        Assert.Equal(IdempotencyClaimOutcome.AlreadyCompleted, (await store.ClaimAsync(Key("old-3"), Lease)).Outcome);
        Assert.Equal(IdempotencyClaimOutcome.AlreadyCompleted, (await store.ClaimAsync(Key("old-2"), Lease)).Outcome);
    }

    [Fact]
    public async Task Dispose_StopsTheSweepTimerAndFurtherUse()
    {
        var time = new SteppingTimeProvider(_time);
        var store = new InMemoryIdempotencyStore(new() { SweepInterval = TimeSpan.FromMinutes(1) }, time);
        var a = await store.ClaimAsync(Key("a"), TimeSpan.FromSeconds(1));
        Assert.NotNull(time.NextTimerDueAt);

        store.Dispose();
        _time.Advance(TimeSpan.FromMinutes(5));

        // No timer is left armed (it would keep the store reachable), and nothing is swept or changed any more.
        Assert.Null(time.NextTimerDueAt);
        Assert.Equal(0, store.Sweep());
        Assert.Equal(1, store.Count);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ClaimAsync(Key("b"), Lease).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.RenewAsync(Key("a"), a.Token, Lease).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.CompleteAsync(Key("a"), a.Token, Retention).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ReleaseAsync(Key("a"), a.Token).AsTask());
        store.Dispose(); // twice is harmless
    }

    [Fact]
    public async Task Complete_OfAClaimAlreadySwept_StaysWithinCapacity()
    {
        using var store = Create(capacity: 2);
        var swept = await store.ClaimAsync(Key("swept"), TimeSpan.FromSeconds(5));
        await Complete(store, "oldest");
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, store.Sweep());
        await store.ClaimAsync(Key("working"), Lease);

        // The late completion is recorded (a duplicate must not run it again) by evicting the oldest completed key.
        Assert.True(await store.CompleteAsync(Key("swept"), swept.Token, Retention));

        Assert.Equal(2, store.Count);
        Assert.Equal(IdempotencyClaimOutcome.AlreadyCompleted, (await store.ClaimAsync(Key("swept"), Lease)).Outcome);
        Assert.Equal(IdempotencyClaimOutcome.InProgress, (await store.ClaimAsync(Key("working"), Lease)).Outcome);
    }

    [Fact]
    public async Task TryClaim_WhenFullOfClaims_TakesAShortLeaseThatEndsExactlyNow()
    {
        using var store = Create(capacity: 2);
        await store.ClaimAsync(Key("long"), TimeSpan.FromHours(1));
        await store.ClaimAsync(Key("short"), TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(5));

        // A lease is over at its end instant, as everywhere else in the store.
        Assert.Equal(IdempotencyClaimOutcome.Acquired, (await store.ClaimAsync(Key("new"), Lease)).Outcome);
    }

    [Fact]
    public void Constructor_BadBounds_Throw()
    {
        Assert.Contains("Capacity", Assert.Throws<ArgumentException>(() => new InMemoryIdempotencyStore(new() { Capacity = 0 }, _time)).Message, StringComparison.Ordinal);
        Assert.Contains("SweepInterval", Assert.Throws<ArgumentException>(() => new InMemoryIdempotencyStore(new() { SweepInterval = TimeSpan.Zero }, _time)).Message, StringComparison.Ordinal);
        using var unswept = new InMemoryIdempotencyStore(new() { Capacity = 1, SweepInterval = Timeout.InfiniteTimeSpan }, _time);
    }

    private static IdempotencyKey Key(string value) => new("bounds", value);

    private InMemoryIdempotencyStore Create(int capacity)
        => new(new InMemoryIdempotencyStoreOptions { Capacity = capacity, SweepInterval = Timeout.InfiniteTimeSpan }, _time);

    private static async Task Complete(InMemoryIdempotencyStore store, string key)
    {
        var claim = await store.ClaimAsync(Key(key), Lease);
        Assert.True(await store.CompleteAsync(Key(key), claim.Token, Retention));
    }
}
