using System.Text;
using LimeCall.Sdk.Inbox;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace LimeCall.Sdk.TestKit;

/// <summary>
/// The behaviour every <see cref="IWebhookInbox"/> promises, run against each inbox by deriving from this class.
/// <see cref="SecondInstance"/> stands for another process sharing the same inbox.
/// </summary>
public abstract class WebhookInboxContract : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>Gets a namespace of this test's own, so inboxes that persist never see another test's events.</summary>
    protected string Namespace { get; } = "test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Gets the clock every inbox in the test uses.</summary>
    protected FakeTimeProvider Time { get; } = new(TestClock.Start);

    /// <summary>Gets the inbox under test.</summary>
    protected IWebhookInbox Inbox { get; private set; } = null!;

    /// <summary>Gets a second, independent handle on the same inbox (another instance of the receiver).</summary>
    protected IWebhookInbox SecondInstance { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => (Inbox, SecondInstance) = await CreateInboxesAsync();

    /// <inheritdoc />
    public virtual Task DisposeAsync() => Task.CompletedTask;

    [StoreFact]
    public async Task Append_TheSameKeyTwice_IsStoredOnceAndTheSecondIsADuplicate()
    {
        Assert.Equal(InboxAppendOutcome.Stored, await Inbox.AppendAsync(Message("evt_1")));
        Assert.Equal(InboxAppendOutcome.Duplicate, await SecondInstance.AppendAsync(Message("evt_1", body: "a retry")));

        var leased = Assert.Single(await Inbox.LeaseAsync(10, Lease));
        Assert.Equal(("evt_1", "call.missed", 1, false), (leased.Key, leased.EventType, leased.Attempt, leased.ArrivedOutOfOrder));
        Assert.Equal("{\"id\":\"evt_1\"}", Encoding.UTF8.GetString(leased.Body.Span)); // the first body, byte for byte
        Assert.Equal(Time.GetUtcNow() + Lease, leased.LeaseExpiresAt);
    }

    [StoreFact]
    public async Task Lease_AnEventLeasedByOneWorker_IsNotLeasedByAnotherUntilTheLeaseExpires()
    {
        await Inbox.AppendAsync(Message("evt_1"));
        var first = Assert.Single(await Inbox.LeaseAsync(10, Lease));

        Assert.Empty(await SecondInstance.LeaseAsync(10, Lease));
        Time.Advance(Lease);
        var takenOver = Assert.Single(await SecondInstance.LeaseAsync(10, Lease));

        Assert.Equal((first.Id, 2), (takenOver.Id, takenOver.Attempt));
        Assert.False(await Inbox.CompleteAsync(first)); // the crashed worker's lease no longer proves anything
        Assert.True(await SecondInstance.CompleteAsync(takenOver));
    }

    [StoreFact]
    public async Task Complete_AHandledEvent_IsNeverLeasedAgainAndItsKeyStaysADuplicate()
    {
        await Inbox.AppendAsync(Message("evt_1"));
        var leased = Assert.Single(await Inbox.LeaseAsync(10, Lease));

        Assert.True(await Inbox.CompleteAsync(leased));
        Time.Advance(Lease * 2);

        Assert.Empty(await Inbox.LeaseAsync(10, Lease));
        Assert.Equal(InboxAppendOutcome.Duplicate, await Inbox.AppendAsync(Message("evt_1")));
        Assert.False(await Inbox.CompleteAsync(leased));
    }

    [StoreFact]
    public async Task RetryLater_WaitsItsDelayThenCountsTheNextAttempt()
    {
        await Inbox.AppendAsync(Message("evt_1"));
        var leased = Assert.Single(await Inbox.LeaseAsync(10, Lease));

        Assert.True(await Inbox.RetryLaterAsync(leased, TimeSpan.FromSeconds(30), "InvalidOperationException: CRM down"));

        Assert.Empty(await Inbox.LeaseAsync(10, Lease));
        Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, Assert.Single(await Inbox.LeaseAsync(10, Lease)).Attempt);
    }

    [StoreFact]
    public async Task DeadLetter_IsKeptWithItsErrorAndRequeuedWithAttemptsFromZero()
    {
        await Inbox.AppendAsync(Message("evt_1", orderingKey: "call_1"));
        var leased = Assert.Single(await Inbox.LeaseAsync(10, Lease));

        Assert.True(await Inbox.DeadLetterAsync(leased, "TimeoutException: CRM"));

        Assert.Empty(await Inbox.LeaseAsync(10, Lease));
        var dead = Assert.Single(await SecondInstance.GetDeadLettersAsync(10));
        Assert.Equal((leased.Id, "evt_1", "call_1", 1, "TimeoutException: CRM"), (dead.Id, dead.Key, dead.OrderingKey, dead.Attempts, dead.LastError));
        Assert.Equal(1, (await Inbox.GetStatisticsAsync()).DeadLettered);

        Assert.True(await SecondInstance.RequeueAsync(dead.Id));
        Assert.False(await SecondInstance.RequeueAsync(dead.Id));
        Assert.Equal(1, Assert.Single(await Inbox.LeaseAsync(10, Lease)).Attempt);
    }

    [StoreFact]
    public async Task RequeueAll_PutsEveryDeadLetterBack()
    {
        for (var i = 0; i < 3; i++)
        {
            await Inbox.AppendAsync(Message($"evt_{i}"));
        }

        foreach (var leased in await Inbox.LeaseAsync(10, Lease))
        {
            await Inbox.DeadLetterAsync(leased, "boom");
        }

        Assert.Equal(3, await Inbox.RequeueAllAsync());
        Assert.Equal(3, (await Inbox.LeaseAsync(10, Lease)).Count);
    }

    [StoreFact]
    public async Task Release_GivesTheEventBackAtOnceWithoutCountingTheAttempt()
    {
        await Inbox.AppendAsync(Message("evt_1"));
        var leased = Assert.Single(await Inbox.LeaseAsync(10, Lease));

        Assert.True(await Inbox.ReleaseAsync(leased));

        Assert.Equal(1, Assert.Single(await SecondInstance.LeaseAsync(10, Lease)).Attempt);
    }

    [StoreFact]
    public void EveryOperation_BlockedOnByASyncOverAsyncCaller_NeverResumesOnItsContext()
    {
        // A UI or classic ASP.NET app that blocks on the inbox deadlocks if the inbox resumes on its context.
        static T Wait<T>(ValueTask<T> pending) => pending.AsTask().GetAwaiter().GetResult();
        var posts = CountingSynchronizationContext.CountPosts(() =>
        {
            foreach (var key in (string[])["evt_sync_1", "evt_sync_2", "evt_sync_3", "evt_sync_4"])
            {
                Assert.Equal(InboxAppendOutcome.Stored, Wait(Inbox.AppendAsync(Message(key))));
            }

            var leased = Wait(Inbox.LeaseAsync(10, Lease));
            Assert.Equal(4, leased.Count);
            Assert.True(Wait(Inbox.RenewAsync(leased[0], Lease)));
            Assert.True(Wait(Inbox.CompleteAsync(leased[0])));
            Assert.True(Wait(Inbox.RetryLaterAsync(leased[1], TimeSpan.FromMinutes(5), "retry")));
            Assert.True(Wait(Inbox.ReleaseAsync(leased[2])));
            Assert.True(Wait(Inbox.DeadLetterAsync(leased[3], "dead")));
            Assert.True(Wait(Inbox.RequeueAsync(Assert.Single(Wait(Inbox.GetDeadLettersAsync(10))).Id)));
            Assert.Equal(0, Wait(Inbox.RequeueAllAsync()));
            Assert.Equal(0, Wait(Inbox.PurgeCompletedAsync(TimeSpan.FromDays(1))));
            Assert.Equal(0, Wait(Inbox.GetStatisticsAsync()).Leased);
        });

        Assert.Equal(0, posts);
    }

    [StoreFact]
    public async Task Renew_KeepsTheLeaseOnlyForItsHolder()
    {
        await Inbox.AppendAsync(Message("evt_1"));
        var leased = Assert.Single(await Inbox.LeaseAsync(10, Lease));

        Time.Advance(Lease / 2);
        Assert.True(await Inbox.RenewAsync(leased, Lease));
        Time.Advance(Lease / 2);

        Assert.Empty(await SecondInstance.LeaseAsync(10, Lease)); // renewed: not expired yet
        Time.Advance(Lease);
        var other = Assert.Single(await SecondInstance.LeaseAsync(10, Lease));
        Assert.False(await Inbox.RenewAsync(leased, Lease));
        Assert.True(await SecondInstance.RenewAsync(other, Lease));
    }

    [StoreFact]
    public async Task Lease_NotBefore_HoldsTheEventUntilThen()
    {
        await Inbox.AppendAsync(Message("evt_1", notBefore: Time.GetUtcNow().AddSeconds(3)));

        Assert.Empty(await Inbox.LeaseAsync(10, Lease));
        Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Single(await Inbox.LeaseAsync(10, Lease));
    }

    [StoreFact]
    public async Task Lease_OneCallsEvents_AreHandedOutOneAtATimeInTheOrderTheyOccurred()
    {
        var start = Time.GetUtcNow();
        // Arrival order shuffled by retries: completed, initiated, connected.
        await Inbox.AppendAsync(Message("evt_c", orderingKey: "call_1", occurredAt: start.AddSeconds(3)));
        await Inbox.AppendAsync(Message("evt_a", orderingKey: "call_1", occurredAt: start.AddSeconds(1)));
        await Inbox.AppendAsync(Message("evt_b", orderingKey: "call_1", occurredAt: start.AddSeconds(2)));
        await Inbox.AppendAsync(Message("evt_other", orderingKey: "call_2", occurredAt: start));

        var handled = new List<string>();
        for (var round = 0; round < 4; round++)
        {
            var batch = await Inbox.LeaseAsync(10, Lease);
            Assert.True(batch.Count(e => e.OrderingKey == "call_1") <= 1, "two events of one call leased at once");
            Assert.Empty(await SecondInstance.LeaseAsync(10, Lease)); // nothing else is free meanwhile
            foreach (var leased in batch)
            {
                handled.Add(leased.Key);
                Assert.False(leased.ArrivedOutOfOrder);
                await Inbox.CompleteAsync(leased);
            }
        }

        Assert.Equal(["evt_a", "evt_b", "evt_c"], handled.Where(k => k != "evt_other"));
        Assert.Contains("evt_other", handled);
    }

    [StoreFact]
    public async Task Lease_AnEmptyOrderingKey_IsNoOrderingKey_SoUnrelatedEventsAreNotHeldBehindEachOther()
    {
        await Inbox.AppendAsync(Message("evt_empty_1", orderingKey: string.Empty));
        await Inbox.AppendAsync(Message("evt_empty_2", orderingKey: string.Empty));

        var batch = await Inbox.LeaseAsync(10, Lease);

        Assert.Equal(2, batch.Count);
        Assert.All(batch, e => Assert.Null(e.OrderingKey));
    }

    [StoreFact]
    public async Task Lease_AnEventRetrying_HoldsItsCallsLaterEvents()
    {
        var start = Time.GetUtcNow();
        await Inbox.AppendAsync(Message("evt_a", orderingKey: "call_1", occurredAt: start.AddSeconds(1)));
        await Inbox.AppendAsync(Message("evt_b", orderingKey: "call_1", occurredAt: start.AddSeconds(2)));
        var first = Assert.Single(await Inbox.LeaseAsync(10, Lease));

        await Inbox.RetryLaterAsync(first, TimeSpan.FromMinutes(5), "boom");

        Assert.Empty(await Inbox.LeaseAsync(10, Lease)); // evt_b waits for evt_a's retry
        Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("evt_a", Assert.Single(await Inbox.LeaseAsync(10, Lease)).Key);
    }

    [StoreFact]
    public async Task Lease_ALeasedEventOfACall_HoldsEvenAnEarlierOneThatArrivedLate()
    {
        var start = Time.GetUtcNow();
        await Inbox.AppendAsync(Message("evt_b", orderingKey: "call_1", occurredAt: start.AddSeconds(2)));
        var later = Assert.Single(await Inbox.LeaseAsync(10, Lease));

        await Inbox.AppendAsync(Message("evt_a", orderingKey: "call_1", occurredAt: start.AddSeconds(1)));
        Assert.Empty(await SecondInstance.LeaseAsync(10, Lease)); // never two of one call at once

        await Inbox.CompleteAsync(later);
        var late = Assert.Single(await SecondInstance.LeaseAsync(10, Lease));
        Assert.Equal("evt_a", late.Key);
        Assert.True(late.ArrivedOutOfOrder); // handled after a later event of its call
    }

    [StoreFact]
    public async Task Lease_ADeadLetteredEvent_NoLongerHoldsItsCall()
    {
        var start = Time.GetUtcNow();
        await Inbox.AppendAsync(Message("evt_a", orderingKey: "call_1", occurredAt: start.AddSeconds(1)));
        await Inbox.AppendAsync(Message("evt_b", orderingKey: "call_1", occurredAt: start.AddSeconds(2)));

        await Inbox.DeadLetterAsync(Assert.Single(await Inbox.LeaseAsync(10, Lease)), "poison");

        Assert.Equal("evt_b", Assert.Single(await Inbox.LeaseAsync(10, Lease)).Key);
    }

    [StoreFact]
    public async Task Lease_ManyWorkersAtOnce_HandOutEachEventToExactlyOne()
    {
        for (var i = 0; i < 60; i++)
        {
            await Inbox.AppendAsync(Message($"evt_{i}"));
        }

        var batches = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => (i % 2 == 0 ? Inbox : SecondInstance).LeaseAsync(7, Lease).AsTask()));

        var leased = batches.SelectMany(b => b).Select(e => e.Key).ToList();
        Assert.Equal(60, leased.Count);
        Assert.Equal(60, leased.Distinct(StringComparer.Ordinal).Count());
    }

    [StoreFact]
    public async Task Statistics_CountWhatIsWaitingAndTheOldestArrival()
    {
        var firstArrival = Time.GetUtcNow();
        await Inbox.AppendAsync(Message("evt_1"));
        Time.Advance(TimeSpan.FromSeconds(10));
        await Inbox.AppendAsync(Message("evt_2"));
        await Inbox.AppendAsync(Message("evt_3"));
        var leased = (await Inbox.LeaseAsync(1, Lease))[0];

        var statistics = await SecondInstance.GetStatisticsAsync();

        Assert.Equal((2L, 1L, 0L), (statistics.Pending, statistics.Leased, statistics.DeadLettered));
        Assert.Equal(firstArrival, statistics.OldestUnhandledReceivedAt);
        await Inbox.CompleteAsync(leased);
    }

    [StoreFact]
    public async Task PurgeCompleted_DeletesOnlyHandledEventsPastTheirRetention()
    {
        await Inbox.AppendAsync(Message("evt_old"));
        await Inbox.CompleteAsync(Assert.Single(await Inbox.LeaseAsync(10, Lease)));
        Time.Advance(TimeSpan.FromDays(8));
        await Inbox.AppendAsync(Message("evt_new"));
        await Inbox.CompleteAsync(Assert.Single(await Inbox.LeaseAsync(10, Lease)));
        await Inbox.AppendAsync(Message("evt_pending"));

        Assert.Equal(1, await Inbox.PurgeCompletedAsync(TimeSpan.FromDays(7)));

        Assert.Equal(InboxAppendOutcome.Stored, await Inbox.AppendAsync(Message("evt_old"))); // forgotten
        Assert.Equal(InboxAppendOutcome.Duplicate, await Inbox.AppendAsync(Message("evt_new")));
        Assert.Equal(2, (await Inbox.GetStatisticsAsync()).Pending);
    }

    [StoreFact]
    public async Task Append_AMessageWithoutKeyOrType_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Inbox.AppendAsync(new InboxMessage { Key = "", EventType = "call.missed", Body = "{}"u8.ToArray() }).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => Inbox.AppendAsync(new InboxMessage { Key = new string('k', 501), EventType = "call.missed", Body = "{}"u8.ToArray() }).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => Inbox.AppendAsync(new InboxMessage { Key = "evt", EventType = "", Body = "{}"u8.ToArray() }).AsTask());
    }

    [StoreFact]
    public async Task Append_AKeyOfExactly500Characters_IsStored_AndTheRefusalSaysTheLimit()
    {
        var longest = new string('k', 500);

        Assert.Equal(InboxAppendOutcome.Stored, await Inbox.AppendAsync(Message(longest)));
        Assert.Equal(longest, Assert.Single(await Inbox.LeaseAsync(10, Lease)).Key);
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Inbox.AppendAsync(Message(longest + "k")).AsTask());
        Assert.Equal("message", refused.ParamName);
        Assert.StartsWith("A message needs a key of 1 to 500 characters and an event type.", refused.Message, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Lease_HandsOutWhatWasAppended_OrderingKeyAndOccurrenceIncluded()
    {
        var occurred = Time.GetUtcNow().AddMinutes(-3);
        await Inbox.AppendAsync(Message("evt_full", orderingKey: "call_9", occurredAt: occurred.ToOffset(TimeSpan.FromHours(2))));
        await Inbox.AppendAsync(Message("evt_bare"));

        var leased = (await Inbox.LeaseAsync(10, Lease)).ToDictionary(e => e.Key, StringComparer.Ordinal);

        Assert.Equal(("call_9", occurred, Time.GetUtcNow()), (leased["evt_full"].OrderingKey, leased["evt_full"].OccurredAt, leased["evt_full"].ReceivedAt));
        Assert.Equal((null, null), (leased["evt_bare"].OrderingKey, leased["evt_bare"].OccurredAt));
    }

    [StoreFact]
    public async Task Lease_ABatch_IsHandedOutInArrivalOrder_WhateverOrderRetriesLeftThemIn()
    {
        // Events of different calls, retried in reverse order with the last one due first: a database's scan order and
        // the order they became due both run backwards now.
        for (var i = 0; i < 6; i++)
        {
            await Inbox.AppendAsync(Message($"evt_arrival_{i}", occurredAt: Time.GetUtcNow().AddSeconds(-i)));
        }

        foreach (var leased in (await Inbox.LeaseAsync(10, Lease)).Reverse())
        {
            var i = int.Parse(leased.Key["evt_arrival_".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(await Inbox.RetryLaterAsync(leased, TimeSpan.FromSeconds(5 - i), "retry"));
        }

        Time.Advance(TimeSpan.FromSeconds(5));
        var batch = await Inbox.LeaseAsync(10, Lease);

        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"evt_arrival_{i}"), batch.Select(e => e.Key));
        Assert.Equal(batch.Select(e => e.Id).Order(), batch.Select(e => e.Id));
    }

    [StoreFact]
    public async Task DeadLetters_OfEventsWithoutAnOrderingKey_HaveNone()
    {
        await Inbox.AppendAsync(Message("evt_lone"));
        await Inbox.DeadLetterAsync(Assert.Single(await Inbox.LeaseAsync(10, Lease)), "boom");

        var dead = Assert.Single(await Inbox.GetDeadLettersAsync(10));

        Assert.Equal(("evt_lone", null, "boom"), (dead.Key, dead.OrderingKey, dead.LastError));
    }

    [StoreFact]
    public async Task Arguments_OutOfRange_AreRefusedBeforeTheInboxIsTouched()
    {
        await Inbox.AppendAsync(Message("evt_args"));
        var leased = Assert.Single(await Inbox.LeaseAsync(10, Lease));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Inbox.LeaseAsync(0, Lease).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Inbox.LeaseAsync(1, TimeSpan.Zero).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Inbox.RenewAsync(leased, TimeSpan.Zero).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Inbox.RetryLaterAsync(leased, TimeSpan.FromTicks(-1), "boom").AsTask());
        await Assert.ThrowsAsync<ArgumentNullException>(() => Inbox.RetryLaterAsync(leased, TimeSpan.Zero, null!).AsTask());
        await Assert.ThrowsAsync<ArgumentNullException>(() => Inbox.DeadLetterAsync(leased, null!).AsTask());
        await Assert.ThrowsAsync<ArgumentNullException>(() => Inbox.CompleteAsync(null!).AsTask());
        await Assert.ThrowsAsync<ArgumentNullException>(() => Inbox.AppendAsync(null!).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Inbox.GetDeadLettersAsync(0).AsTask());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Inbox.PurgeCompletedAsync(TimeSpan.FromTicks(-1)).AsTask());

        // None of them changed the event: its holder still completes it, and a retry of no delay is allowed.
        Assert.True(await Inbox.RetryLaterAsync(leased, TimeSpan.Zero, "boom"));
        Assert.Equal(2, Assert.Single(await Inbox.LeaseAsync(10, Lease)).Attempt);
    }

    /// <summary>Creates the inbox under test and a second handle on the same one, for <see cref="Namespace"/> and <see cref="Time"/>.</summary>
    /// <returns>The two handles.</returns>
    protected abstract Task<(IWebhookInbox Inbox, IWebhookInbox SecondInstance)> CreateInboxesAsync();

    private static InboxMessage Message(string key, string? body = null, string? orderingKey = null, DateTimeOffset? occurredAt = null, DateTimeOffset? notBefore = null)
        => new()
        {
            Key = key,
            EventType = "call.missed",
            Body = Encoding.UTF8.GetBytes(body ?? $"{{\"id\":\"{key}\"}}"),
            OrderingKey = orderingKey,
            OccurredAt = occurredAt,
            NotBefore = notBefore,
        };
}
