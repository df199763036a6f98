using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using LimeCall.Sdk.AspNetCore.Receiving;
using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.Inbox;
using LimeCall.Sdk.PostgreSql;
using LimeCall.Sdk.TestKit;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LimeCall.Sdk.AspNetCore.Tests;

/// <summary>
/// The inbox processor's side of the contract, against a scripted inbox on a fake clock: which transition each outcome of
/// the handlers leads to (complete, retry later with the backoff, dead letter, give back on shutdown), what is logged when
/// the inbox refuses one because the lease was lost, how leases are renewed while handlers run, and how the processor paces
/// its leases (never more events than free handler slots, statistics every 10 seconds, woken by a signal or a finished
/// run instead of waiting for the poll). The same processor over PostgreSQL and real HTTP is in <see cref="InboxEndToEndTests"/>.
/// </summary>
public sealed class InboxProcessorTests : IAsyncLifetime
{
    private const string Failure = "CRM unavailable";
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ProcessorScript _script = new();
    private readonly ScriptedInbox _inbox = new();
    private ServiceProvider? _services;
    private InboxProcessor? _processor;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _script.ReleaseAll();
        if (_processor is not null)
        {
            await _processor.StopAsync(CancellationToken.None);
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    [Fact]
    public async Task HandlersSucceeding_CompletesTheEventAndCountsItProcessed()
    {
        using var meters = MeterCapture.Start();
        _inbox.Add(Leased(1, "evt_ok"));
        await StartAsync();

        var (operation, completed, _) = await _inbox.NextTransitionAsync();

        Assert.Equal(("complete", 1L), (operation, completed.Id));
        Assert.Equal(["evt_ok"], _script.Handled);
        await _logs.WaitForAsync(l => l.Contains("call.completed evt_ok processed", StringComparison.Ordinal));
        // Counted once the inbox recorded the completion, which is after the test hears of it: wait for the measurement.
        var processed = await meters.NextAsync("limecall.inbox.processed", _services!.GetRequiredService<IMeterFactory>());
        Assert.Contains("limecall.event.type=call.completed;", processed.Tags, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InTheInbox_AHandlerSeesTheStoredEvent_WithoutAnHttpContextOrHeaders()
    {
        var leased = Leased(3, "evt_context", attempt: 2);
        (bool NoHttpContext, int Headers, string Key, int Attempt, bool SameBody, string Described)? seen = null;
        _script.Handle = (_, context) =>
        {
            // Read inside the handler: the raw body is valid only during the call.
            seen = (context.HttpContext is null, context.Headers.Count, context.IdempotencyKey, context.Inbox!.Attempt, leased.Body.Span.SequenceEqual(context.RawBody.Span), context.ToString());
            return Task.CompletedTask;
        };
        _inbox.Add(leased);
        await StartAsync();

        await _inbox.NextTransitionAsync();

        var (noHttpContext, headers, key, attempt, sameBody, described) = seen!.Value;
        Assert.True(noHttpContext);
        Assert.Equal(0, headers); // headers are not stored: empty, never null
        Assert.Equal((leased.Key, 2, true), (key, attempt, sameBody));
        Assert.StartsWith("LimeCallWebhookContext { Event = ", described, StringComparison.Ordinal);
        Assert.EndsWith(", IdempotencyKey = evt_context }", described, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandlerFailing_BeforeTheLastAttempt_IsRetriedWithTheBackoffAndItsError()
    {
        _script.Handle = (_, _) => throw new InvalidOperationException(Failure);
        _inbox.Add(Leased(7, "evt_fails", attempt: 3));
        await StartAsync(o => (o.RetryBaseDelay, o.MaxRetryDelay) = (TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(15)));

        var (operation, leased, detail) = await _inbox.NextTransitionAsync();

        // Attempt 3 failed: 5 s doubled twice. The stored error names the handler, the exception and its message.
        Assert.Equal(("retry", 7L), (operation, leased.Id));
        Assert.Equal($"00:00:20|ScriptedCallHandler: System.InvalidOperationException: {Failure}", detail);
        await _logs.WaitForAsync(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("event 7 (call.completed) failed on attempt 3; retrying in 00:00:20", StringComparison.Ordinal));
        await StopProcessorAsync(); // waits for every run to end: nothing else happened to the event
        Assert.Equal(["retry"], _inbox.Transitions);
    }

    [Fact]
    public async Task HandlerFailing_OnTheLastAttempt_IsDeadLetteredAndLoggedAsAnError()
    {
        _script.Handle = (_, _) => throw new InvalidOperationException(Failure);
        _inbox.Add(Leased(8, "evt_last", attempt: 3));
        await StartAsync(o => o.MaxAttempts = 3);

        var (operation, leased, detail) = await _inbox.NextTransitionAsync();

        Assert.Equal(("dead-letter", 8L), (operation, leased.Id));
        Assert.Equal($"ScriptedCallHandler: System.InvalidOperationException: {Failure}", detail);
        await _logs.WaitForAsync(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("event 8 (call.completed) failed on its last attempt (3)", StringComparison.Ordinal));
        await StopProcessorAsync();
        Assert.Equal(["dead-letter"], _inbox.Transitions); // not also retried
    }

    [Fact]
    public async Task TheInboxTimingOut_WhileNotStopping_IsLoggedAndLeasedAgain_TheProcessorRunsOn()
    {
        // A command timeout is an OperationCanceledException too; only the processor's own stop may end its loop.
        _inbox.LeaseFailure = () => new OperationCanceledException("command timeout");
        _inbox.LeaseFailures = 1;
        await StartAsync(o => o.PollInterval = TimeSpan.FromSeconds(5));
        await _inbox.IdleAsync();
        Assert.Contains(_logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("inbox could not be read", StringComparison.Ordinal) && l.Contains("command timeout", StringComparison.Ordinal));
        _inbox.Add(Leased(26, "evt_after_timeout"));

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(("complete", 26L), Pair(await _inbox.NextTransitionAsync()));
    }

    [Fact]
    public async Task HandlerTimingOutOnItsOwn_IsAFailureRetriedLater_NotAShutdown()
    {
        // An HttpClient timeout inside a handler is an OperationCanceledException too; only the processor's own stop
        // means "give the event back untried".
        _script.Handle = (_, _) => throw new TaskCanceledException("The CRM call timed out.");
        _inbox.Add(Leased(9, "evt_timeout", attempt: 1));
        await StartAsync();

        var (operation, leased, detail) = await _inbox.NextTransitionAsync();

        Assert.Equal(("retry", 9L), (operation, leased.Id));
        Assert.Contains("System.Threading.Tasks.TaskCanceledException: The CRM call timed out.", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompletingInAHandlersTransaction_WithoutOne_IsAFailureThatSaysWhichArgument()
    {
        _script.Handle = async (_, context) => await context.Inbox!.CompleteInTransactionAsync(null!, context.CancellationToken);
        _inbox.Add(Leased(27, "evt_no_transaction"));
        await StartAsync();

        var (operation, _, detail) = await _inbox.NextTransitionAsync();

        Assert.Equal("retry", operation);
        Assert.Contains("System.ArgumentNullException", detail, StringComparison.Ordinal);
        Assert.Contains("'transaction'", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorLongerThan2000Characters_IsStoredCutTo2000()
    {
        var message = new string('x', 3000);
        _script.Handle = (_, _) => throw new InvalidOperationException(message);
        _inbox.Add(Leased(10, "evt_long", attempt: 8));
        await StartAsync(o => o.MaxAttempts = 8);

        var (_, _, detail) = await _inbox.NextTransitionAsync();

        Assert.Equal(2000, detail!.Length);
        Assert.StartsWith("ScriptedCallHandler: System.InvalidOperationException: xxx", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "retry")]
    [InlineData(8, "dead-letter")]
    public async Task TheInboxRefusingTheFailureTransition_IsALostLease_NeverLoggedAsRetriedOrDeadLettered(int attempt, string operation)
    {
        _script.Handle = (_, _) => throw new InvalidOperationException(Failure);
        _inbox.Answer = _ => false; // the lease ran out and another worker owns the event now
        _inbox.Add(Leased(12, "evt_lost", attempt));
        await StartAsync(o => o.MaxAttempts = 8);

        Assert.Equal(operation, (await _inbox.NextTransitionAsync()).Operation);

        await _logs.WaitForAsync(l => l.Contains("event 12 lost its lease", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("retrying in", StringComparison.Ordinal) || l.Contains("was dead-lettered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheInboxRefusingTheCompletion_IsALostLease_NotCountedProcessed()
    {
        using var meters = MeterCapture.Start();
        _inbox.Answer = _ => false;
        _inbox.Add(Leased(13, "evt_late"));
        await StartAsync();

        Assert.Equal("complete", (await _inbox.NextTransitionAsync()).Operation);

        await _logs.WaitForAsync(l => l.Contains("event 13 lost its lease", StringComparison.Ordinal));
        Assert.DoesNotContain(meters.Values, m => m.Instrument == "limecall.inbox.processed" && m.Scope == _services!.GetRequiredService<IMeterFactory>());
    }

    [Fact]
    public async Task AStoredBodyThatCannotBeParsed_IsDeadLetteredWithoutRunningAHandler()
    {
        using var meters = MeterCapture.Start();
        _inbox.Add(Leased(14, "evt_broken", body: "{\"event\":"u8.ToArray()));
        await StartAsync();

        var (operation, leased, detail) = await _inbox.NextTransitionAsync();

        Assert.Equal(("dead-letter", 14L), (operation, leased.Id));
        Assert.StartsWith("The stored payload cannot be parsed: ", detail, StringComparison.Ordinal);
        Assert.Empty(_script.Handled);
        await _logs.WaitForAsync(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("event 14 cannot be parsed", StringComparison.Ordinal));
        await meters.NextAsync("limecall.inbox.dead_lettered", _services!.GetRequiredService<IMeterFactory>());
        await StopProcessorAsync();
        Assert.Equal(["dead-letter"], _inbox.Transitions);
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("inbox could not be read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEventThatArrivedOutOfOrder_IsHandledAndSaysSo()
    {
        _inbox.Add(Leased(15, "evt_late_arrival", outOfOrder: true));
        await StartAsync();

        Assert.Equal("complete", (await _inbox.NextTransitionAsync()).Operation);

        Assert.Contains(_logs.Lines, l => l.Contains("event 15 (call.completed) arrived after a later event of its call was handled", StringComparison.Ordinal));
        Assert.True(_script.OutOfOrderSeen);
    }

    [Fact]
    public async Task AnEventOfAnUnknownType_IsCompletedAndLoggedAsUnknown()
    {
        _inbox.Add(Leased(16, "evt_future", type: "call.teleported", body: """{"event":"call.teleported","id":"evt_future","data":{}}"""u8.ToArray()));
        await StartAsync();

        Assert.Equal("complete", (await _inbox.NextTransitionAsync()).Operation);

        await _logs.WaitForAsync(l => l.Contains("unknown type call.teleported acknowledged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhileAHandlerRuns_TheLeaseIsRenewedEveryThirdOfIt_AndNeverOnceItsHandlersAreDone()
    {
        var release = _script.Block();
        var transition = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _inbox.TransitionGate = transition.Task;
        _inbox.Add(Leased(17, "evt_slow"));
        await StartAsync(o => o.LeaseDuration = TimeSpan.FromSeconds(30));
        await _script.Started.Reader.ReadAsync();

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(("renew", 17L, "00:00:30"), Tuple(await _inbox.NextCallAsync("renew")));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(("renew", 17L, "00:00:30"), Tuple(await _inbox.NextCallAsync("renew")));

        // The handler is done and the completion is on its way: a renewal now would race it (and could report a lost lease).
        release.SetResult();
        Assert.Equal("complete", (await _inbox.NextTransitionAsync()).Operation);
        _time.Advance(TimeSpan.FromSeconds(30));
        transition.SetResult();

        Assert.Equal(2, _inbox.Count("renew"));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("lost its lease", StringComparison.Ordinal)); // every renewal held
    }

    [Fact]
    public async Task ARenewalRefused_IsLoggedAsALostLease()
    {
        var release = _script.Block();
        _inbox.RenewAnswer = _ => false;
        _inbox.Add(Leased(18, "evt_expired"));
        await StartAsync(o => o.LeaseDuration = TimeSpan.FromSeconds(30));
        await _script.Started.Reader.ReadAsync();

        _time.Advance(TimeSpan.FromSeconds(10));

        await _logs.WaitForAsync(l => l.Contains("event 18 lost its lease", StringComparison.Ordinal));
        release.SetResult();
    }

    [Fact]
    public async Task ARenewalThatThrows_IsLoggedAndTheHandlerRunsOn()
    {
        var release = _script.Block();
        _inbox.RenewAnswer = _ => throw new InvalidOperationException("database down");
        _inbox.Add(Leased(19, "evt_renew_fails"));
        await StartAsync(o => o.LeaseDuration = TimeSpan.FromSeconds(30));
        await _script.Started.Reader.ReadAsync();

        _time.Advance(TimeSpan.FromSeconds(10));
        await _logs.WaitForAsync(l => l.Contains("inbox could not be read", StringComparison.Ordinal) && l.Contains("database down", StringComparison.Ordinal));
        release.SetResult();

        Assert.Equal("complete", (await _inbox.NextTransitionAsync()).Operation);
    }

    [Fact]
    public async Task Stopping_WhileAHandlerRuns_CancelsItAndGivesTheEventBackUntried()
    {
        _script.Handle = async (_, context) => await Task.Delay(Timeout.InfiniteTimeSpan, _time, context.CancellationToken);
        _inbox.Add(Leased(20, "evt_shutdown"));
        await StartAsync();
        await _script.Started.Reader.ReadAsync();

        var giveBack = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _inbox.TransitionGate = giveBack.Task;

        var stopping = _processor!.StopAsync(CancellationToken.None);
        var (operation, leased, _) = await _inbox.NextTransitionAsync();

        // Stopping waits until the running handler's event is given back (the host must not tear down under it).
        Assert.False(stopping.IsCompleted);
        giveBack.SetResult();
        await stopping;
        _processor = null;
        Assert.Equal(["release"], _inbox.Transitions);
        Assert.Equal(("release", 20L), (operation, leased.Id));
        Assert.DoesNotContain(_inbox.Operations, o => o is "retry" or "dead-letter" or "complete");
        Assert.DoesNotContain(_logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheInboxUnreachable_IsLoggedAndLeasedAgainAfterThePollInterval()
    {
        _inbox.LeaseFailures = 1;
        await StartAsync(o => o.PollInterval = TimeSpan.FromSeconds(5));
        await _inbox.IdleAsync();
        Assert.Contains(_logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("inbox could not be read", StringComparison.Ordinal) && l.Contains("database down", StringComparison.Ordinal));
        _inbox.Add(Leased(21, "evt_after_outage"));

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(("complete", 21L), Pair(await _inbox.NextTransitionAsync()));
    }

    [Fact]
    public async Task Idle_LooksAgainAfterThePollInterval()
    {
        await StartAsync(o => o.PollInterval = TimeSpan.FromSeconds(5));
        await _inbox.IdleAsync();
        _inbox.Add(Leased(22, "evt_polled"));

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(("complete", 22L), Pair(await _inbox.NextTransitionAsync()));
    }

    [Fact]
    public async Task AnAppendSignal_WakesTheIdleProcessorBeforeThePollInterval()
    {
        await StartAsync(o => o.PollInterval = TimeSpan.FromMinutes(1));
        await _inbox.IdleAsync();
        _inbox.Add(Leased(23, "evt_signalled"));

        _inbox.Signal();

        Assert.Equal(("complete", 23L), Pair(await _inbox.NextTransitionAsync()));
        Assert.Equal(TestClock.Start, _time.GetUtcNow());
    }

    [Fact]
    public async Task AHandlerRunEnding_WakesTheProcessorForTheCallsNextEvent_WithoutWaitingToPoll()
    {
        // The hold on a call's next event lifts when its earlier one is done; that is not an append, so there is no signal.
        var release = _script.Block();
        _inbox.Add(Leased(24, "evt_first"));
        await StartAsync(o => o.PollInterval = TimeSpan.FromMinutes(1));
        await _script.Started.Reader.ReadAsync();
        await _inbox.IdleAsync(); // the next look found nothing
        _inbox.Add(Leased(25, "evt_second"));

        release.SetResult();

        Assert.Equal(["evt_first", "evt_second"], await _script.WaitHandledAsync(2));
        Assert.Equal(TestClock.Start, _time.GetUtcNow());
    }

    [Fact]
    public async Task AFreeSlot_RunsANewEventAtOnce_WhileTheOtherHandlersAreBusy()
    {
        _script.GateEach();
        for (var i = 0; i < 3; i++)
        {
            _inbox.Add(Leased(30 + i, $"evt_busy_{i}"));
        }

        await StartAsync(o => (o.Concurrency, o.BatchSize, o.PollInterval) = (4, 4, TimeSpan.FromMinutes(1)));
        await _script.WaitStartedAsync(3);
        await _inbox.IdleAsync();
        _inbox.Add(Leased(33, "evt_urgent"));
        _script.Open("evt_urgent");

        _inbox.Signal();

        Assert.Equal(["evt_urgent"], await _script.WaitHandledAsync(1));
        Assert.Equal(3, _script.Running);
    }

    [Fact]
    public async Task NeverLeasesMoreEventsThanItHasFreeHandlerSlots_NorMoreThanTheBatchSize()
    {
        // An event leased without a slot to run it would sit while its lease runs out.
        var release = _script.Block();
        for (var i = 0; i < 12; i++)
        {
            _inbox.Add(Leased(100 + i, $"evt_many_{i}"));
        }

        await StartAsync(o => (o.Concurrency, o.BatchSize) = (3, 2));
        await _script.WaitStartedAsync(3);

        Assert.Equal(3, _script.Running); // three slots, three handlers; the other nine stay in the inbox
        Assert.Equal(9, _inbox.Pending);
        Assert.Equal([2, 1], _inbox.LeaseRequests);
        release.SetResult();
        Assert.Equal(12, (await _script.WaitHandledAsync(12)).Count);
        Assert.Equal(3, _script.MostRunningAtOnce);
        Assert.All(_inbox.LeaseRequests, n => Assert.InRange(n, 1, 2));
    }

    [Fact]
    public async Task ABacklog_IsLeasedHalfABatchAtATime_NotOneLeasePerEvent()
    {
        // Each lease is a database statement. Behind a full lease, the processor waits until half a batch of slots is free.
        _script.GateEach();
        for (var i = 0; i < 12; i++)
        {
            _inbox.Add(Leased(200 + i, $"evt_backlog_{i}"));
        }

        await StartAsync(o => (o.Concurrency, o.BatchSize) = (4, 4));
        await _script.WaitStartedAsync(4);
        _script.Open("evt_backlog_0");
        await _inbox.NextTransitionAsync();
        _script.Open("evt_backlog_1");

        Assert.Equal("2", (await _inbox.NextCallAsync("lease")).Detail);
        Assert.Equal([4, 2], _inbox.LeaseRequests);
    }

    [Fact]
    public async Task TheStatistics_AreReadBeforeTheFirstLease_ThenEvery10Seconds()
    {
        await StartAsync(o => o.PollInterval = TimeSpan.FromSeconds(5));
        await _inbox.IdleAsync();
        Assert.Equal(["statistics", "lease"], _inbox.Operations);

        _time.Advance(TimeSpan.FromSeconds(5));
        await _inbox.IdleAsync();
        Assert.Equal(1, _inbox.Count("statistics")); // 5 s since: not again

        _time.Advance(TimeSpan.FromSeconds(5));
        await _inbox.IdleAsync();
        Assert.Equal(2, _inbox.Count("statistics")); // 10 s since: read again
    }

    [Fact]
    public async Task TheInboxGauges_CountPendingAndLeasedEvents_AndTheOldestOnesAge()
    {
        using var meters = MeterCapture.Start();
        _inbox.Statistics = () => new InboxStatistics { Pending = 3, Leased = 2, DeadLettered = 7, OldestUnhandledReceivedAt = TestClock.Start.AddSeconds(-90) };
        await StartAsync();
        await _inbox.IdleAsync();

        var gauges = meters.Gauges(_services!.GetRequiredService<IMeterFactory>());

        Assert.Equal((5.0, 90.0), (gauges["limecall.inbox.depth"], gauges["limecall.inbox.oldest_age"]));
    }

    private static (string, long) Pair((string Operation, LeasedInboxEvent Event, string? Detail) call) => (call.Operation, call.Event.Id);

    private static (string, long, string?) Tuple((string Operation, LeasedInboxEvent Event, string? Detail) call)
        => (call.Operation, call.Event.Id, call.Detail);

    private static LeasedInboxEvent Leased(long id, string eventId, int attempt = 1, bool outOfOrder = false, string? type = null, byte[]? body = null) => new()
    {
        Id = id,
        Key = eventId,
        EventType = type ?? "call.completed",
        Body = body ?? LimeCallEventSerializer.Default.Serialize(new LimeCallEvent(new CallCompletedEvent { CallId = "call_" + eventId }) { Id = eventId }),
        ReceivedAt = TestClock.Start,
        Attempt = attempt,
        ArrivedOutOfOrder = outOfOrder,
        LeaseToken = IdempotencyClaimToken.NewToken(),
        LeaseExpiresAt = TestClock.Start.AddSeconds(30),
    };

    private async Task StopProcessorAsync()
    {
        await _processor!.StopAsync(CancellationToken.None);
        _processor = null;
    }

    private async Task StartAsync(Action<LimeCallInboxOptions>? configure = null, ScriptedInbox? inbox = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(_script);
        services.AddSingleton<IWebhookInbox>(inbox ?? _inbox);
        services.AddLimeCallWebhooks(o => o.Secrets.Add("whsec_processor")).AddHandler<CallEvent, ScriptedCallHandler>().UseInbox(o =>
        {
            o.HoldWindow = TimeSpan.Zero;
            configure?.Invoke(o);
        });
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _processor = _services.GetServices<IHostedService>().OfType<InboxProcessor>().Single();
        await _processor.StartAsync(CancellationToken.None);
    }

    /// <summary>What the tests' handler does, and what it saw.</summary>
    public sealed class ProcessorScript
    {
        private readonly ConcurrentQueue<string> _handled = new();
        private readonly ConcurrentQueue<TaskCompletionSource> _blocks = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new(StringComparer.Ordinal);
        private readonly Channel<string> _finished = Channel.CreateUnbounded<string>();
        private int _running;
        private int _mostRunning;

        public Func<CallEvent, LimeCallWebhookContext, Task> Handle { get; set; } = (_, _) => Task.CompletedTask;

        public Channel<string> Started { get; } = Channel.CreateUnbounded<string>();

        public IReadOnlyList<string> Handled => [.. _handled];

        public int Running => Volatile.Read(ref _running);

        public int MostRunningAtOnce => Volatile.Read(ref _mostRunning);

        public bool OutOfOrderSeen { get; private set; }

        /// <summary>Makes every handler run wait until the returned source is completed.</summary>
        public TaskCompletionSource Block()
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _blocks.Enqueue(release);
            // Waiting observes the processor's stop, so a test's end never leaves a handler (and the processor) waiting.
            Handle = (_, context) => release.Task.WaitAsync(context.CancellationToken);
            return release;
        }

        /// <summary>Makes each event's handler run wait until <see cref="Open"/> is called with its id.</summary>
        public void GateEach() => Handle = (_, context) => Gate(context.Event.Id!).Task.WaitAsync(context.CancellationToken);

        public void Open(string eventId) => Gate(eventId).TrySetResult();

        public void ReleaseAll()
        {
            foreach (var block in _blocks)
            {
                block.TrySetResult();
            }

            foreach (var gate in _gates.Values)
            {
                gate.TrySetResult();
            }
        }

        public async Task WaitStartedAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                await Started.Reader.ReadAsync();
            }
        }

        public async Task<IReadOnlyList<string>> WaitHandledAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                await _finished.Reader.ReadAsync();
            }

            return Handled;
        }

        private TaskCompletionSource Gate(string eventId)
            => _gates.GetOrAdd(eventId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        internal async Task RunAsync(CallEvent data, LimeCallWebhookContext context)
        {
            var running = Interlocked.Increment(ref _running);
            InterlockedMax(ref _mostRunning, running);
            OutOfOrderSeen |= context.Inbox!.ArrivedOutOfOrder;
            Started.Writer.TryWrite(context.Event.Id!);
            try
            {
                await Handle(data, context);
                _handled.Enqueue(context.Event.Id!);
                _finished.Writer.TryWrite(context.Event.Id!);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            var seen = Volatile.Read(ref target);
            while (value > seen)
            {
                var previous = Interlocked.CompareExchange(ref target, value, seen);
                if (previous == seen)
                {
                    return;
                }

                seen = previous;
            }
        }
    }

    /// <summary>The tests' call handler: whatever <see cref="ProcessorScript.Handle"/> says.</summary>
    public sealed class ScriptedCallHandler(ProcessorScript script) : ILimeCallWebhookHandler<CallEvent>
    {
        public Task HandleAsync(CallEvent data, LimeCallWebhookContext context) => script.RunAsync(data, context);
    }

    /// <summary>
    /// An inbox in memory with scripted answers: leases take up to the asked count from what was added, every call is
    /// recorded in order and can be awaited, and it signals appends (as PostgreSQL's LISTEN/NOTIFY does) only when told.
    /// Each idle wait of the processor is announced after its poll timer exists, so a test may advance the clock then.
    /// </summary>
    private sealed class ScriptedInbox : IWebhookInbox, IWebhookInboxSignal
    {
        private readonly ConcurrentQueue<LeasedInboxEvent> _pending = new();
        private readonly ConcurrentQueue<(string Operation, LeasedInboxEvent? Event, string? Detail)> _calls = new();
        private readonly Channel<(string Operation, LeasedInboxEvent? Event, string? Detail)> _feed = Channel.CreateUnbounded<(string, LeasedInboxEvent?, string?)>();
        private readonly Channel<bool> _idle = Channel.CreateUnbounded<bool>();
        private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _leaseFailures;

        public Func<LeasedInboxEvent, bool> Answer { get; set; } = _ => true;

        public Func<LeasedInboxEvent, bool> RenewAnswer { get; set; } = _ => true;

        public Func<InboxStatistics> Statistics { get; set; } = () => new InboxStatistics { Pending = 0, Leased = 0, DeadLettered = 0 };

        /// <summary>When set, every transition (complete, retry, ...) waits for it before it answers.</summary>
        public Task? TransitionGate { get; set; }

        public int LeaseFailures
        {
            get => Volatile.Read(ref _leaseFailures);
            set => Volatile.Write(ref _leaseFailures, value);
        }

        public int Pending => _pending.Count;

        public IReadOnlyList<int> LeaseRequests => [.. _calls.Where(c => c.Operation == "lease").Select(c => int.Parse(c.Detail!, CultureInfo.InvariantCulture))];

        public IReadOnlyList<string> Operations => [.. _calls.Select(c => c.Operation)];

        public IReadOnlyList<string> Transitions => [.. Operations.Where(o => o is "complete" or "retry" or "dead-letter" or "release")];

        public Func<Exception> LeaseFailure { get; set; } = () => new InvalidOperationException("database down");

        public void Add(LeasedInboxEvent leased) => _pending.Enqueue(leased);

        public void Signal() => Interlocked.Exchange(ref _appended, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        public int Count(string operation) => _calls.Count(c => c.Operation == operation);

        /// <summary>Completes when the processor has started its next idle wait (its poll timer armed).</summary>
        public async Task IdleAsync() => await _idle.Reader.ReadAsync();

        /// <summary>The next call of <paramref name="operation"/>; the calls before it are passed over.</summary>
        public async Task<(string Operation, LeasedInboxEvent Event, string? Detail)> NextCallAsync(params string[] operation)
        {
            while (true)
            {
                var call = await _feed.Reader.ReadAsync();
                if (operation.Contains(call.Operation))
                {
                    return (call.Operation, call.Event!, call.Detail);
                }
            }
        }

        /// <summary>The next complete, retry, dead-letter or release.</summary>
        public Task<(string Operation, LeasedInboxEvent Event, string? Detail)> NextTransitionAsync()
            => NextCallAsync("complete", "retry", "dead-letter", "release");

        public Task WaitForAppendAsync(CancellationToken cancellationToken)
        {
            var appended = Volatile.Read(ref _appended).Task.WaitAsync(cancellationToken);
            _idle.Writer.TryWrite(true);
            return appended;
        }

        public ValueTask<IReadOnlyList<LeasedInboxEvent>> LeaseAsync(int maxCount, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Record("lease", null, maxCount.ToString(CultureInfo.InvariantCulture));
            if (Interlocked.Decrement(ref _leaseFailures) >= 0)
            {
                throw LeaseFailure();
            }

            var leased = new List<LeasedInboxEvent>();
            while (leased.Count < maxCount && _pending.TryDequeue(out var next))
            {
                leased.Add(next);
            }

            return ValueTask.FromResult<IReadOnlyList<LeasedInboxEvent>>(leased);
        }

        public ValueTask<bool> RenewAsync(LeasedInboxEvent leased, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            Record("renew", leased, lease.ToString());
            return ValueTask.FromResult(RenewAnswer(leased));
        }

        public ValueTask<bool> CompleteAsync(LeasedInboxEvent leased, CancellationToken cancellationToken = default)
            => TransitionAsync("complete", leased, null);

        public ValueTask<bool> RetryLaterAsync(LeasedInboxEvent leased, TimeSpan delay, string lastError, CancellationToken cancellationToken = default)
            => TransitionAsync("retry", leased, $"{delay}|{lastError}");

        public ValueTask<bool> DeadLetterAsync(LeasedInboxEvent leased, string lastError, CancellationToken cancellationToken = default)
            => TransitionAsync("dead-letter", leased, lastError);

        public ValueTask<bool> ReleaseAsync(LeasedInboxEvent leased, CancellationToken cancellationToken = default)
            => TransitionAsync("release", leased, null);

        public ValueTask<InboxStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
        {
            Record("statistics", null, null);
            return ValueTask.FromResult(Statistics());
        }

        public ValueTask<InboxAppendOutcome> AppendAsync(InboxMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<IReadOnlyList<DeadLetteredEvent>> GetDeadLettersAsync(int maxCount, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<bool> RequeueAsync(long id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<int> RequeueAllAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<int> PurgeCompletedAsync(TimeSpan olderThan, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        private void Record(string operation, LeasedInboxEvent? leased, string? detail)
        {
            _calls.Enqueue((operation, leased, detail));
            _feed.Writer.TryWrite((operation, leased, detail));
        }

        private async ValueTask<bool> TransitionAsync(string operation, LeasedInboxEvent leased, string? detail)
        {
            Record(operation, leased, detail);
            if (TransitionGate is { } gate)
            {
                await gate;
            }

            return Answer(leased);
        }
    }

    /// <summary>Every measurement of the SDK's meters while it lives, with the meter's scope (the app's meter factory).</summary>
    private sealed class MeterCapture : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Instrument, object? Scope, string Tags)> _values = new();
        private readonly ConcurrentQueue<(string Instrument, object? Scope, double Value)> _numbers = new();
        private readonly Channel<(string Instrument, object? Scope, string Tags)> _feed = Channel.CreateUnbounded<(string, object?, string)>();

        public IReadOnlyList<(string Instrument, object? Scope, string Tags)> Values => [.. _values];

        /// <summary>The gauges' values as of now, for the meters of <paramref name="scope"/>.</summary>
        public Dictionary<string, double> Gauges(object scope)
        {
            _numbers.Clear();
            _listener.RecordObservableInstruments();
            return _numbers.Where(n => ReferenceEquals(n.Scope, scope)).GroupBy(n => n.Instrument, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        }

        public static MeterCapture Start()
        {
            var capture = new MeterCapture();
            capture._listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == LimeCallDiagnostics.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            capture._listener.SetMeasurementEventCallback<long>((i, value, tags, _) =>
            {
                capture._values.Enqueue((i.Name, i.Meter.Scope, Format(tags)));
                capture._feed.Writer.TryWrite((i.Name, i.Meter.Scope, Format(tags)));
                capture._numbers.Enqueue((i.Name, i.Meter.Scope, value));
            });
            capture._listener.SetMeasurementEventCallback<double>((i, value, _, _) => capture._numbers.Enqueue((i.Name, i.Meter.Scope, value)));
            capture._listener.Start();
            return capture;
        }

        public void Dispose() => _listener.Dispose();

        /// <summary>The next measurement of <paramref name="instrument"/> on the meters of <paramref name="scope"/>.</summary>
        public async Task<(string Instrument, object? Scope, string Tags)> NextAsync(string instrument, object scope)
        {
            while (true)
            {
                var value = await _feed.Reader.ReadAsync();
                if (value.Instrument == instrument && ReferenceEquals(value.Scope, scope))
                {
                    return value;
                }
            }
        }

        private static string Format(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var text = new StringBuilder();
            foreach (var tag in tags)
            {
                text.Append(tag.Key).Append('=').Append(tag.Value).Append(';');
            }

            return text.ToString();
        }
    }
}
