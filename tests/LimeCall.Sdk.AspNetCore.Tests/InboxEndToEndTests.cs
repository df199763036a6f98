using System.Collections.Concurrent;
using System.Threading.Channels;
using LimeCall.Sdk.Inbox;
using LimeCall.Sdk.PostgreSql;
using LimeCall.Sdk.Testing;
using LimeCall.Sdk.Testing.Sender;
using LimeCall.Sdk.TestKit;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LimeCall.Sdk.AspNetCore.Tests;

/// <summary>What the handlers of an inbox test saw, and signals the test waits on instead of sleeping.</summary>
public sealed class InboxJournal
{
    public TimeSpan HandlerDelay { get; set; }

    public int FailuresBeforeSuccess { get; set; }

    public Channel<string> Started { get; } = Channel.CreateUnbounded<string>();

    public Channel<string> Finished { get; } = Channel.CreateUnbounded<string>();

    public Channel<string> Woken { get; } = Channel.CreateUnbounded<string>();

    public ConcurrentQueue<(string? EventId, string? CallId, DateTimeOffset? Timestamp, bool OutOfOrder, int Attempt)> Handled { get; } = new();

    public ConcurrentDictionary<string, int> Failures { get; } = new(StringComparer.Ordinal);

    public static async Task WaitAsync(Channel<string> channel, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await channel.Reader.ReadAsync();
        }
    }
}

/// <summary>A call handler that takes <see cref="InboxJournal.HandlerDelay"/> on the app's clock, and can fail first.</summary>
public sealed class JournalingCallHandler(InboxJournal journal, TimeProvider time) : ILimeCallWebhookHandler<CallEvent>
{
    public async Task HandleAsync(CallEvent data, LimeCallWebhookContext context)
    {
        var id = context.Event.Id!;
        // The delay's timer exists before the test hears of the start, so the test may advance the clock at once.
        var work = journal.HandlerDelay > TimeSpan.Zero ? Task.Delay(journal.HandlerDelay, time, context.CancellationToken) : Task.CompletedTask;
        journal.Started.Writer.TryWrite(id);
        await work;
        if (journal.Failures.AddOrUpdate(id, 1, (_, n) => n + 1) <= journal.FailuresBeforeSuccess)
        {
            journal.Finished.Writer.TryWrite(id);
            throw new InvalidOperationException("CRM unavailable");
        }

        journal.Handled.Enqueue((id, data.CallId, context.Event.Timestamp, context.Inbox!.ArrivedOutOfOrder, context.Inbox.Attempt));
        journal.Finished.Writer.TryWrite(id);
    }
}

/// <summary>
/// Writes its side effect and marks the event done in one PostgreSQL transaction; the first attempt "crashes" after both
/// statements but before the commit.
/// </summary>
public sealed class TransactionalHandler(InboxJournal journal, Npgsql.NpgsqlDataSource database) : ILimeCallWebhookHandler<CallMissedEvent>
{
    public async Task HandleAsync(CallMissedEvent data, LimeCallWebhookContext context)
    {
        await using var connection = await database.OpenConnectionAsync(context.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(context.CancellationToken);
        await using (var insert = new Npgsql.NpgsqlCommand("INSERT INTO missed_call_followups (event_key) VALUES (@key)", connection, transaction))
        {
            insert.Parameters.AddWithValue("key", context.IdempotencyKey);
            await insert.ExecuteNonQueryAsync(context.CancellationToken);
        }

        if (!await context.Inbox!.CompleteInTransactionAsync(transaction, context.CancellationToken))
        {
            return; // the lease was lost: disposing the transaction rolls the follow-up back
        }

        if (journal.Failures.AddOrUpdate(context.IdempotencyKey, 1, (_, n) => n + 1) <= journal.FailuresBeforeSuccess)
        {
            journal.Finished.Writer.TryWrite(context.IdempotencyKey);
            throw new InvalidOperationException("process died before commit"); // the transaction is rolled back: neither happened
        }

        await transaction.CommitAsync(context.CancellationToken);
        journal.Finished.Writer.TryWrite(context.IdempotencyKey);
    }
}

/// <summary>Handles the tests' wake-up events (leads, which have no ordering key, so they are never held).</summary>
public sealed class WakeHandler(InboxJournal journal) : ILimeCallWebhookHandler<LeadCapturedEvent>
{
    public Task HandleAsync(LeadCapturedEvent data, LimeCallWebhookContext context)
    {
        journal.Woken.Writer.TryWrite(context.Event.Id!);
        return Task.CompletedTask;
    }
}

/// <summary>
/// The durable inbox end to end: the reference sender over real HTTP to Kestrel on 127.0.0.1, the receiver storing into
/// PostgreSQL and answering at once, the background processor running the handlers later, in each call's order.
/// </summary>
[RequiresPostgreSql]
[Collection(PostgreSqlGroup.Name)]
public sealed class InboxEndToEndTests(PostgreSqlServer server) : IAsyncLifetime
{
    private const string Secret = "whsec_inbox_e2e";
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly InboxJournal _journal = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly string _namespace = "e2e-" + Guid.NewGuid().ToString("N")[..12];
    private WebApplication? _app;
    private LimeCallWebhookSender _sender = null!;
    private Uri _url = null!;

    public Task InitializeAsync()
    {
        _sender = new LimeCallWebhookSender(new() { Secret = Secret }, _time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _sender.DisposeAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [StoreFact]
    public async Task SlowHandlers_EveryDeliveryIsAcknowledgedAtOnceAndProcessedLaterExactlyOnce()
    {
        _journal.HandlerDelay = TimeSpan.FromSeconds(30); // as long as the sender's whole attempt timeout
        await StartAsync(o =>
        {
            o.HoldWindow = TimeSpan.Zero;
            // Longer than one jump of the test's clock: on a real clock the lease is renewed every third of it while a
            // handler runs; a fake clock jumping a whole lease at once would expire it before the renewal lands.
            o.LeaseDuration = TimeSpan.FromMinutes(2);
        });
        var events = Enumerable.Range(1, 6).Select(i => CallEvent<CallCompletedEvent>($"evt_slow_{i}", $"call_{i}", 0)).ToList();

        var messages = events.Select(e => _sender.Send(_url, e)).ToList();
        await Task.WhenAll(messages.Select(m => m.WhenAttemptsAsync(1)));

        // Answered while the clock stood still: 202 long before any attempt could time out, no handler finished yet.
        Assert.All(messages, m => Assert.Equal(202, m.Attempts[0].StatusCode));
        Assert.Empty(_journal.Handled);
        await InboxJournal.WaitAsync(_journal.Started, 4); // Concurrency 4: four handlers run, two events wait
        _time.Advance(TimeSpan.FromSeconds(30));
        await InboxJournal.WaitAsync(_journal.Started, 2);
        _time.Advance(TimeSpan.FromSeconds(30));
        await InboxJournal.WaitAsync(_journal.Finished, 6);

        var again = events.Select(e => _sender.Send(_url, e)).ToList();
        await Task.WhenAll(again.Select(m => m.WhenFinishedAsync()));
        Assert.All(again, m => Assert.Equal(200, m.Attempts[0].StatusCode)); // already in the inbox
        Assert.Equal(6, _logs.Lines.Count(l => l.Contains("is a duplicate; acknowledged", StringComparison.Ordinal)));
        var statistics = await StopAndCountAsync();
        Assert.Equal((0L, 0L, 0L), (statistics.Pending, statistics.Leased, statistics.DeadLettered));
        Assert.Equal(events.Select(e => e.Id).Order(StringComparer.Ordinal), _journal.Handled.Select(h => h.EventId).Order(StringComparer.Ordinal));
    }

    [StoreFact]
    public async Task ShuffledDelivery_WithinTheHoldWindow_EachCallsHandlerSeesItsEventsInTimestampOrder()
    {
        await StartAsync(o => o.HoldWindow = TimeSpan.FromSeconds(2));
        var events = Enumerable.Range(0, 50).SelectMany(call => new LimeCallEvent[]
        {
            CallEvent<CallInitiatedEvent>($"evt_{call}_1", $"call_{call}", 1),
            CallEvent<CallConnectedEvent>($"evt_{call}_2", $"call_{call}", 2),
            CallEvent<CallRecordedEvent>($"evt_{call}_3", $"call_{call}", 3),
            CallEvent<CallCompletedEvent>($"evt_{call}_4", $"call_{call}", 4),
        }).ToList();

        var messages = _sender.SendAll(_url, events, shuffleSeed: 7);
        await _sender.WhenIdleAsync();
        Assert.All(messages, m => Assert.Equal(202, m.Attempts[0].StatusCode));
        await PassTheHoldWindowAsync();
        await InboxJournal.WaitAsync(_journal.Finished, 200);

        Assert.All(_journal.Handled.GroupBy(h => h.CallId), call => Assert.Equal(call.Select(h => h.Timestamp).Order(), call.Select(h => h.Timestamp)));
        Assert.DoesNotContain(_journal.Handled, h => h.OutOfOrder);

        // One event of call_0 delayed past the window (a retry a minute later): still processed, and flagged.
        var late = CallEvent<CallStatusUpdatedEvent>("evt_0_late", "call_0", 0);
        var lateMessage = _sender.Send(_url, late);
        await lateMessage.WhenFinishedAsync();
        Assert.Equal(202, lateMessage.Attempts[0].StatusCode);
        await PassTheHoldWindowAsync();
        await InboxJournal.WaitAsync(_journal.Finished, 1);
        Assert.True(_journal.Handled.Single(h => h.EventId == "evt_0_late").OutOfOrder);
    }

    [StoreFact]
    public async Task AnEventOfACall_IsHeldForTheHoldWindowSoAnEarlierOneCanOvertakeIt()
    {
        await StartAsync(o => o.HoldWindow = TimeSpan.FromSeconds(2));

        await _sender.Send(_url, CallEvent<CallCompletedEvent>("evt_held_2", "call_h", 2)).WhenFinishedAsync();
        await WakeAsync(); // a lease ran after it was stored...
        Assert.Equal(0, _journal.Started.Reader.Count); // ... and did not take it: it is held

        await _sender.Send(_url, CallEvent<CallInitiatedEvent>("evt_held_1", "call_h", 1)).WhenFinishedAsync(); // the earlier one, late
        await PassTheHoldWindowAsync();
        await InboxJournal.WaitAsync(_journal.Finished, 2);

        Assert.Equal(["evt_held_1", "evt_held_2"], _journal.Handled.Select(h => h.EventId));
        Assert.DoesNotContain(_journal.Handled, h => h.OutOfOrder);
    }

    [StoreFact]
    public async Task TheDepthAndOldestAgeGauges_CountWhatWaitsAndFallBackWhenItIsHandled()
    {
        // Keyed by meter: test classes run in parallel, and other apps' processors publish the same gauges.
        var measured = new ConcurrentDictionary<(System.Diagnostics.Metrics.Meter, string), double>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == LimeCallDiagnostics.Name && instrument.Name is "limecall.inbox.depth" or "limecall.inbox.oldest_age")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measured[(instrument.Meter, instrument.Name)] = value);
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => measured[(instrument.Meter, instrument.Name)] = value);
        listener.Start();
        await StartAsync(o =>
        {
            o.HoldWindow = TimeSpan.FromMinutes(5);
            o.PollInterval = TimeSpan.FromHours(1); // only the wake-ups below make the processor lease (and count)
        });
        var appMeter = _app!.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>().Create(new System.Diagnostics.Metrics.MeterOptions(LimeCallDiagnostics.Name)); // the app's own (cached) meter
        double Gauge(string name) => measured[(appMeter, name)];

        await _sender.Send(_url, CallEvent<CallCompletedEvent>("evt_waiting", "call_w", 0)).WhenFinishedAsync(); // held 5 min
        await WakeAsync();
        _time.Advance(TimeSpan.FromSeconds(10)); // the processor counts at most every 10 s, when it leases
        await WakeAsync();
        listener.RecordObservableInstruments();

        Assert.InRange(Gauge("limecall.inbox.depth"), 1, 2); // the held event (and the wake-up, if counted before its lease)
        Assert.Equal(10, Gauge("limecall.inbox.oldest_age")); // the held event, stored 10 s ago on the app's clock

        _time.Advance(TimeSpan.FromMinutes(5));
        await WakeAsync();
        await InboxJournal.WaitAsync(_journal.Finished, 1);
        await WakeAsync(); // a lease after the held event was marked handled
        _time.Advance(TimeSpan.FromSeconds(10));
        await WakeAsync();
        listener.RecordObservableInstruments();

        // The held event (320 s old now) no longer counts; a wake-up may, when its completion had not committed yet at
        // the count: none of them is older than 10 s.
        Assert.InRange(Gauge("limecall.inbox.depth"), 0, 2);
        Assert.InRange(Gauge("limecall.inbox.oldest_age"), 0, 10);
    }

    [StoreFact]
    public async Task AHandlerThatKeepsFailing_IsRetriedWithBackoffThenDeadLetteredWithItsError()
    {
        _journal.FailuresBeforeSuccess = int.MaxValue;
        var measured = new ConcurrentDictionary<(System.Diagnostics.Metrics.Meter, string), long>(); // by meter: other apps run in parallel
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == LimeCallDiagnostics.Name && instrument.Name.StartsWith("limecall.inbox.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measured.AddOrUpdate((instrument.Meter, instrument.Name), value, (_, n) => n + value));
        listener.Start();
        await StartAsync(o =>
        {
            o.HoldWindow = TimeSpan.Zero;
            o.MaxAttempts = 2;
            o.RetryBaseDelay = TimeSpan.FromMinutes(1);
        });

        _sender.Send(_url, CallEvent<CallMissedEvent>("evt_poison", "call_p", 0));
        await _logs.WaitForAsync(line => line.Contains("failed on attempt 1; retrying in 00:01:00", StringComparison.Ordinal)); // given back, due in 1 min
        await _sender.WhenIdleAsync();
        _time.Advance(TimeSpan.FromMinutes(1));
        await WakeAsync(); // the retry is due; an append wakes the idle processor without waiting for a poll
        await InboxJournal.WaitAsync(_journal.Finished, 1);

        await StopAndCountAsync();
        var dead = Assert.Single(await Inbox.GetDeadLettersAsync(10));
        Assert.Equal(("evt_poison", 2), (dead.Key, dead.Attempts));
        Assert.Contains("JournalingCallHandler: System.InvalidOperationException: CRM unavailable", dead.LastError, StringComparison.Ordinal);
        Assert.Empty(_journal.Handled);
        var appMeter = _app!.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>().Create(new System.Diagnostics.Metrics.MeterOptions(LimeCallDiagnostics.Name));
        long Counted(string name) => measured.GetValueOrDefault((appMeter, name));
        Assert.Equal(1, Counted("limecall.inbox.retried"));
        Assert.Equal(1, Counted("limecall.inbox.dead_lettered"));
        Assert.Equal(2, Counted("limecall.inbox.stored")); // the poison event and the wake-up
        Assert.Equal(1, Counted("limecall.inbox.processed")); // the wake-up
    }

    [StoreFact]
    public async Task TheInboxUnreachable_IsAnswered503WithRetryAfterNeverAcknowledged()
    {
        await StartAsync(o => o.HoldWindow = TimeSpan.Zero, connectionString: "Host=127.0.0.1;Port=1;Timeout=3;Pooling=false");

        var message = _sender.Send(_url, CallEvent<CallMissedEvent>("evt_down", "call_d", 0));
        await message.WhenAttemptsAsync(1);

        Assert.Equal(503, message.Attempts[0].StatusCode);
        Assert.Equal(WebhookMessageState.InFlight, message.State); // the sender will retry
        Assert.Contains(_logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("could not store webhook call.missed evt_down; answered 503", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task AHandlerCompletingInItsOwnTransaction_CommitsItsSideEffectExactlyOnceAcrossACrashedAttempt()
    {
        await using (var dataSource = Npgsql.NpgsqlDataSource.Create(server.ConnectionString))
        await using (var table = dataSource.CreateCommand("CREATE TABLE IF NOT EXISTS missed_call_followups (event_key text NOT NULL)"))
        {
            await table.ExecuteNonQueryAsync();
        }

        _journal.FailuresBeforeSuccess = 1;
        var key = "evt_tx_" + _namespace;
        await StartAsync(
            o =>
            {
                o.HoldWindow = TimeSpan.Zero;
                o.RetryBaseDelay = TimeSpan.FromSeconds(10);
            },
            handlers: b => b.AddHandler<CallMissedEvent, TransactionalHandler>(),
            services: s => s.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(server.ConnectionString)));

        _sender.Send(_url, CallEvent<CallMissedEvent>(key, "call_tx", 0));
        await _logs.WaitForAsync(line => line.Contains("failed on attempt 1; retrying in 00:00:10", StringComparison.Ordinal));
        _time.Advance(TimeSpan.FromSeconds(10));
        await WakeAsync();
        await InboxJournal.WaitAsync(_journal.Finished, 2);

        var statistics = await StopAndCountAsync();
        Assert.Equal((0L, 0L), (statistics.Pending, statistics.Leased));
        await using var count = _app!.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().CreateCommand("SELECT count(*) FROM missed_call_followups WHERE event_key = @key");
        count.Parameters.AddWithValue("key", key);
        Assert.Equal(1L, await count.ExecuteScalarAsync()); // the crashed attempt left nothing; the retry wrote it once
        // The processor knew the handler had completed it: it did not try to complete it again (and find the lease gone).
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("lost its lease", StringComparison.Ordinal));
        Assert.Contains(_logs.Lines, l => l.Contains($"call.missed {key} processed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UseInboxWithoutAnInbox_RefusesToStart()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ListenOnLoopback();
        builder.Logging.ClearProviders();
        builder.Services.AddLimeCallWebhooks(o => o.Secrets.Add(Secret)).UseInbox();
        await using var app = builder.Build();

        // Refused when the endpoint is mapped, or at the latest when the app starts: never an app that answers 202 for nothing.
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
        {
            app.MapLimeCallWebhooks();
            return app.StartAsync();
        });

        Assert.Contains("AddLimeCallPostgreSqlInbox", ex.Message, StringComparison.Ordinal);
    }

    private IWebhookInbox Inbox => _app!.Services.GetRequiredService<IWebhookInbox>();

    private static LimeCallEvent CallEvent<T>(string id, string callId, int second)
        where T : CallEvent, new()
        => new(new T { CallId = callId }) { Id = id, Timestamp = TestClock.Start.AddSeconds(second) };

    private async Task PassTheHoldWindowAsync()
    {
        _time.Advance(TimeSpan.FromSeconds(2));
        await WakeAsync();
    }

    /// <summary>
    /// Appends an event that is never held: its NOTIFY wakes the idle processor, which leases whatever is due with it. Returns
    /// once it was handled, so a lease has run since everything sent before it was stored.
    /// </summary>
    private async Task WakeAsync()
    {
        await _sender.Send(_url, new LimeCallEvent(new LeadCapturedEvent()) { Id = "wake_" + Guid.NewGuid().ToString("N") }).WhenFinishedAsync();
        await InboxJournal.WaitAsync(_journal.Woken, 1);
    }

    private async Task StartAsync(Action<LimeCallInboxOptions> inbox, string? connectionString = null, Action<LimeCallWebhooksBuilder>? handlers = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ListenOnLoopback();
        builder.Logging.ClearProviders().AddProvider(_logs);
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSingleton(_journal);
        builder.Services.AddLimeCallPostgreSqlInbox(connectionString ?? server.ConnectionString, o => o.Namespace = _namespace);
        services?.Invoke(builder.Services);
        var webhooks = builder.Services.AddLimeCallWebhooks(o => o.Secrets.Add(Secret)).AddHandler<LeadCapturedEvent, WakeHandler>();
        if (handlers is null)
        {
            webhooks.AddHandler<CallEvent, JournalingCallHandler>();
        }
        else
        {
            handlers(webhooks);
        }

        webhooks.UseInbox(inbox);
        _app = builder.Build();
        _app.MapLimeCallWebhooks();
        if (connectionString is null)
        {
            await _app.Services.GetRequiredService<PostgreSqlWebhookInbox>().EnsureSchemaAsync();
        }

        await _app.StartAsync();
        _url = new Uri(_app.GetLoopbackAddress(), "webhooks/limecall");
    }

    /// <summary>Stops the app (the processor finishes what it runs) and counts what the inbox holds.</summary>
    private async Task<InboxStatistics> StopAndCountAsync()
    {
        await _app!.StopAsync();
        return await Inbox.GetStatisticsAsync();
    }
}
