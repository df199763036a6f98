using LimeCall.Sdk.AspNetCore.Diagnostics;
using LimeCall.Sdk.Inbox;
using LimeCall.Sdk.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>
/// Runs the registered handlers for the events in the durable inbox, in the background: leases due events (one call's
/// events one at a time, in order), runs each event's handlers in a DI scope of its own while renewing its lease, then
/// completes it, or gives it back with a backoff, or dead-letters it after the last attempt. On shutdown, running handlers
/// see the cancellation and unfinished events are given back untried.
/// </summary>
internal sealed class InboxProcessor : BackgroundService
{
    // The receiver's parser: the body was verified and parsed once already; this only reads it again.
    private static readonly LimeCallEventSerializer Serializer = new(new() { MaxPayloadBytes = 64 * 1024 * 1024 });
    private static readonly TimeSpan StatisticsEvery = TimeSpan.FromSeconds(10);

    public const string MissingInbox =
        "UseInbox() turns the LimeCall receiver's durable inbox on, but no inbox is registered: add one, for example " +
        "services.AddLimeCallPostgreSqlInbox(connectionString) from LimeCall.Sdk.PostgreSql.";

    private readonly IWebhookInbox _inbox;
    private readonly HandlerDispatcher _dispatcher;
    private readonly IServiceScopeFactory _scopes;
    private readonly LimeCallInboxOptions _options;
    private readonly ReceiverTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;

    // Released when a handler run ends: its call's next event may be free now, so look again without waiting to poll.
    private readonly SemaphoreSlim _finished = new(0, 1);
    private long _statisticsAt = long.MinValue;

    public InboxProcessor(IWebhookInbox inbox, HandlerDispatcher dispatcher, IServiceScopeFactory scopes, IOptions<LimeCallInboxOptions> options, ReceiverTelemetry telemetry, TimeProvider time, ILogger<InboxProcessor> logger)
    {
        _inbox = inbox;
        _dispatcher = dispatcher;
        _scopes = scopes;
        _options = options.Value;
        _telemetry = telemetry;
        _time = time;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.Concurrency, _options.Concurrency);
    }

    /// <summary>
    /// Creates the processor, refusing a missing inbox with what to add. Hosted services are resolved before the app
    /// starts anything (before startup filters too), so this refuses a worker that never maps the endpoint as well; the
    /// container's own "unable to resolve" names no fix.
    /// </summary>
    public static InboxProcessor Create(IServiceProvider services) => new(
        services.GetService<IWebhookInbox>() ?? throw new InvalidOperationException(MissingInbox),
        services.GetRequiredService<HandlerDispatcher>(),
        services.GetRequiredService<IServiceScopeFactory>(),
        services.GetRequiredService<IOptions<LimeCallInboxOptions>>(),
        services.GetRequiredService<ReceiverTelemetry>(),
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<ILogger<InboxProcessor>>());

    public override void Dispose()
    {
        _slots.Dispose();
        _finished.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new HashSet<Task>();
        var backlog = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // With a backlog (the last lease came back full), lease when half a batch of slots is free, not one: one
                // lease per event would cost a lease statement per event. (Not shown to be faster on its own: a drain of
                // 256 events at batch 32 took about 80 ms before and after; it halves the lease statements.) Without a
                // backlog, any free slot leases at once, for latency.
                var need = backlog ? Math.Max(1, Math.Min(_options.BatchSize, _options.Concurrency) / 2) : 1;
                for (var i = 0; i < need; i++)
                {
                    await _slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                }

                var want = Math.Min(need + _slots.CurrentCount, _options.BatchSize);
                var leased = await LeaseAsync(want, stoppingToken).ConfigureAwait(false);
                _slots.Release(need);
                backlog = leased.Count == want;
                if (leased.Count == 0)
                {
                    await WaitForWorkAsync(stoppingToken).ConfigureAwait(false);
                    continue;
                }

                foreach (var leasedEvent in leased)
                {
                    await _slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                    var task = RunAsync(leasedEvent, stoppingToken);
                    lock (running)
                    {
                        running.Add(task);
                    }

                    _ = task.ContinueWith(t => { lock (running) { running.Remove(t); } }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        Task[] remaining;
        lock (running)
        {
            remaining = [.. running];
        }

        await Task.WhenAll(remaining).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<LeasedInboxEvent>> LeaseAsync(int count, CancellationToken stoppingToken)
    {
        try
        {
            await RefreshStatisticsAsync(stoppingToken).ConfigureAwait(false);
            return await _inbox.LeaseAsync(count, _options.LeaseDuration, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The database is away: nothing is lost (events stay in the inbox); look again after the poll interval.
            InboxLog.Unavailable(_logger, ex);
            return [];
        }
    }

    private async Task RefreshStatisticsAsync(CancellationToken stoppingToken)
    {
        var now = _time.GetTimestamp();
        if (_statisticsAt != long.MinValue && _time.GetElapsedTime(_statisticsAt, now) < StatisticsEvery)
        {
            return;
        }

        _statisticsAt = now;
        _telemetry.RecordInboxStatistics(await _inbox.GetStatisticsAsync(stoppingToken).ConfigureAwait(false), _time.GetUtcNow());
    }

    /// <summary>Waits for an append signal (when the inbox gives one), a handler run to end, or the poll interval.</summary>
    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var poll = Task.Delay(_options.PollInterval, _time, wait.Token);
        var finished = _finished.WaitAsync(wait.Token);
        var appended = _inbox is IWebhookInboxSignal signal ? signal.WaitForAppendAsync(wait.Token) : poll;
        await Task.WhenAny(poll, finished, appended).ConfigureAwait(false);
        await wait.CancelAsync().ConfigureAwait(false); // the others must not keep a place in their queues
        await Task.WhenAll(poll, finished, appended).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task RunAsync(LeasedInboxEvent leased, CancellationToken stoppingToken)
    {
        try
        {
            await ProcessAsync(leased, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The inbox failed mid-transition: the lease expires and another worker takes the event; nothing is lost.
            InboxLog.Unavailable(_logger, ex);
        }
        finally
        {
            _slots.Release();
            try
            {
                if (_finished.CurrentCount == 0)
                {
                    _finished.Release();
                }
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    private async Task ProcessAsync(LeasedInboxEvent leased, CancellationToken stoppingToken)
    {
        if (!Serializer.TryParse(leased.Body.Span, out var webhookEvent, out var error))
        {
            InboxLog.Unparseable(_logger, leased.Id, error);
            await _inbox.DeadLetterAsync(leased, $"The stored payload cannot be parsed: {error}.", CancellationToken.None).ConfigureAwait(false);
            _telemetry.InboxDeadLettered.Add(1);
            return;
        }

        if (leased.ArrivedOutOfOrder)
        {
            InboxLog.OutOfOrder(_logger, leased.Id, LogValues.Escape(leased.EventType));
        }

        var renewEvery = _options.LeaseDuration / 3;
        var lease = new LeaseRenewal(this, leased);
        using var renewal = _time.CreateTimer(static state => ((LeaseRenewal)state!).Renew(), lease, renewEvery, renewEvery);
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var delivery = new InboxDelivery(_inbox, leased, _dispatcher.CountFor(webhookEvent.Data) == 1);
            try
            {
                await _dispatcher.DispatchAsync(new LimeCallWebhookContext(scope.ServiceProvider, webhookEvent, delivery, stoppingToken)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: give the event back untried, so another instance takes it at once.
                lease.Stop();
                await _inbox.ReleaseAsync(leased, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (HandlerFailedException failed)
            {
                lease.Stop();
                await FailAsync(leased, failed).ConfigureAwait(false);
                return;
            }

            // The handlers are done: no renewal from here on may race the transition below (and report a lost lease).
            lease.Stop();

            if (!delivery.CompletedByHandler && !await _inbox.CompleteAsync(leased, CancellationToken.None).ConfigureAwait(false))
            {
                InboxLog.LeaseLost(_logger, leased.Id);
                return;
            }

            _telemetry.InboxProcessed.Add(1, new KeyValuePair<string, object?>("limecall.event.type", webhookEvent.Type));
        }
    }

    private async Task FailAsync(LeasedInboxEvent leased, HandlerFailedException failed)
    {
        var cause = failed.InnerException!;
        var lastError = Truncate($"{failed.Handler}: {cause.GetType().FullName}: {cause.Message}");
        var type = LogValues.Escape(leased.EventType);
        // Logged once the inbox recorded it: the log never says "retrying" about an event whose lease was lost.
        if (leased.Attempt >= _options.MaxAttempts)
        {
            if (await _inbox.DeadLetterAsync(leased, lastError, CancellationToken.None).ConfigureAwait(false))
            {
                InboxLog.DeadLettered(_logger, cause, leased.Id, type, leased.Attempt);
                _telemetry.InboxDeadLettered.Add(1);
            }
            else
            {
                InboxLog.LeaseLost(_logger, leased.Id);
            }

            return;
        }

        var delay = _options.RetryDelay(leased.Attempt);
        if (await _inbox.RetryLaterAsync(leased, delay, lastError, CancellationToken.None).ConfigureAwait(false))
        {
            InboxLog.Retry(_logger, cause, leased.Id, type, leased.Attempt, delay);
            _telemetry.InboxRetried.Add(1);
        }
        else
        {
            InboxLog.LeaseLost(_logger, leased.Id);
        }
    }

    private static string Truncate(string text) => text.Length <= 2000 ? text : text[..2000];

    /// <summary>Keeps one event's lease while its handlers run; a lost lease is logged, and its outcome later discarded.</summary>
    private sealed class LeaseRenewal(InboxProcessor owner, LeasedInboxEvent leased)
    {
        private volatile bool _stopped;

        public void Stop() => _stopped = true;

        public void Renew()
        {
            if (!_stopped)
            {
                _ = RenewAsync();
            }
        }

        private async Task RenewAsync()
        {
            try
            {
                if (!await owner._inbox.RenewAsync(leased, owner._options.LeaseDuration, CancellationToken.None).ConfigureAwait(false) && !_stopped)
                {
                    InboxLog.LeaseLost(owner._logger, leased.Id);
                }
            }
#pragma warning disable CA1031 // A failed renewal only risks a second run elsewhere after the lease ends; never crash the timer.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                InboxLog.Unavailable(owner._logger, ex);
            }
        }
    }
}
