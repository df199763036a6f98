using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using LimeCall.Sdk.Testing.Payloads;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Testing.Sender;

/// <summary>
/// A reference webhook sender that behaves as LimeCall's documented delivery does: POSTs JSON over real
/// HTTP, signs each body with <see cref="LimeCallSigner"/> into <c>X-LimeCall-Signature</c>, adds
/// <c>Authorization: Bearer</c> when configured, retries on a <see cref="WebhookRetrySchedule"/>, keeps
/// events of one call in order, logs every attempt, and redelivers by hand.
/// </summary>
/// <remarks>
/// All waiting uses the injected <see cref="TimeProvider"/>: with a manual clock a 24-hour schedule runs as
/// fast as the receiver answers. When an attempt appears in a message's log, the timer for its retry is
/// already armed, so a test can advance the clock as soon as it sees the attempt.
/// </remarks>
public sealed class LimeCallWebhookSender : IAsyncDisposable
{
    private readonly LimeCallWebhookSenderOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly WebhookTransport _transport;
    private readonly Random _jitter;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<WebhookMessage> _messages = [];
    private readonly List<Task> _deliveries = [];
    private readonly Dictionary<string, Task> _lastPerOrderingKey = new(StringComparer.Ordinal);
    private long _nextMessage;

    /// <summary>Creates a sender.</summary>
    /// <param name="options">Secret, token, schedule and timeout; read once.</param>
    /// <param name="timeProvider">The clock for retries and timeouts; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="handler">The HTTP handler; a new <see cref="SocketsHttpHandler"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where each attempt is logged (event type, attempt, status or error); none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are not valid (no schedule, a timeout that is not positive, ...).</exception>
    public LimeCallWebhookSender(LimeCallWebhookSenderOptions options, TimeProvider? timeProvider = null, HttpMessageHandler? handler = null, ILogger<LimeCallWebhookSender>? logger = null)
    {
        OptionsValidation.ThrowIfInvalid(new LimeCallWebhookSenderOptionsValidator(), options, nameof(options));
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _transport = new WebhookTransport(options, _timeProvider, handler);
        _jitter = new Random(options.JitterSeed);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Gets every message sent so far, oldest first.</summary>
    public IReadOnlyList<WebhookMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Sends an event as the canonical envelope.</summary>
    /// <param name="endpoint">The receiver's URL.</param>
    /// <param name="webhookEvent">The event.</param>
    /// <param name="options">Ordering key, faults or signing secret for this message.</param>
    /// <returns>The message, whose log fills in as delivery proceeds.</returns>
    public WebhookMessage Send(Uri endpoint, LimeCallEvent webhookEvent, WebhookSendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        return Start(endpoint, LimeCallEventSerializer.Default.Serialize(webhookEvent), options, WebhookDeliveryTrigger.Scheduled);
    }

    /// <summary>
    /// Sends several events. Without a seed they go in the given order, each call's events in order; with
    /// <paramref name="shuffleSeed"/> they go in a shuffled (repeatable) order with per-call ordering off, to
    /// test a receiver against events that arrive out of order.
    /// </summary>
    /// <param name="endpoint">The receiver's URL.</param>
    /// <param name="events">The events.</param>
    /// <param name="shuffleSeed">When set, the seed of the shuffle that reorders them.</param>
    /// <returns>The messages, in the order they were sent.</returns>
    public IReadOnlyList<WebhookMessage> SendAll(Uri endpoint, IEnumerable<LimeCallEvent> events, int? shuffleSeed = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var list = events.ToArray();
        if (shuffleSeed is not { } seed)
        {
            return [.. list.Select(e => Send(endpoint, e))];
        }

        new Random(seed).Shuffle(list);
        var unordered = new WebhookSendOptions { OrderingKey = string.Empty };
        return [.. list.Select(e => Send(endpoint, e, unordered))];
    }

    /// <summary>Sends raw JSON bytes exactly as given (any shape; they need not even be valid).</summary>
    /// <param name="endpoint">The receiver's URL.</param>
    /// <param name="body">The body.</param>
    /// <param name="options">Ordering key, faults or signing secret for this message.</param>
    /// <returns>The message, whose log fills in as delivery proceeds.</returns>
    public WebhookMessage Send(Uri endpoint, ReadOnlyMemory<byte> body, WebhookSendOptions? options = null)
        => Start(endpoint, body, options, WebhookDeliveryTrigger.Scheduled);

    /// <summary>Sends the sample payload of an event type in test mode; its attempts are logged as tests.</summary>
    /// <param name="endpoint">The receiver's URL.</param>
    /// <param name="eventType">A canonical event type or alias.</param>
    /// <param name="shape">The payload shape.</param>
    /// <returns>The message.</returns>
    public WebhookMessage SendTestEvent(Uri endpoint, string eventType, LimeCallPayloadShape shape = LimeCallPayloadShape.Enveloped)
        => Start(endpoint, LimeCallSamplePayloads.Get(eventType, shape).Utf8Json, null, WebhookDeliveryTrigger.Test);

    /// <summary>Delivers a message again by hand, once, with the same body and event id, after its schedule has finished.</summary>
    /// <param name="message">A message of this sender.</param>
    /// <param name="cancellationToken">Cancels the redelivery.</param>
    /// <returns>The message's state after the attempt.</returns>
    /// <exception cref="InvalidOperationException">The message is still in flight.</exception>
    public async Task<WebhookMessageState> RedeliverAsync(WebhookMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.State == WebhookMessageState.InFlight)
        {
            throw new InvalidOperationException("The message is still being delivered on its schedule.");
        }

        message.Restart();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var plan = new AttemptPlan(WebhookDeliveryTrigger.Manual, _timeProvider.GetUtcNow(), WebhookDeliveryFaults.None, null);
        var results = await AttemptAsync(message, plan, linked.Token).ConfigureAwait(false);
        RecordAll(message, plan, results);
        var state = results.Any(r => r.IsSuccess) ? WebhookMessageState.Delivered : WebhookMessageState.Failed;
        message.Finish(state);
        return state;
    }

    /// <summary>Writes the delivery log as JSON: every message with its attempts.</summary>
    /// <returns>The log.</returns>
    public string ExportLogJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var message in Messages)
            {
                WriteMessage(writer, message);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Completes when every message sent so far is delivered or failed.</summary>
    /// <returns>A task that completes when nothing is in flight.</returns>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_deliveries);
        }
    }

    /// <summary>Stops every delivery in progress and releases the HTTP client.</summary>
    /// <returns>A task that completes when deliveries have stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await WhenIdleAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _transport.Dispose();
        _stopping.Dispose();
    }

    private static void WriteMessage(Utf8JsonWriter writer, WebhookMessage message)
    {
        writer.WriteStartObject();
        writer.WriteString("id", message.Id);
        writer.WriteString("endpoint", message.Endpoint.ToString());
        writer.WriteString("event_id", message.EventId);
        writer.WriteString("event_type", message.EventType);
        writer.WriteString("ordering_key", message.OrderingKey);
        writer.WriteBoolean("test", message.IsTest);
        writer.WriteString("state", message.State.ToString());
        writer.WriteStartArray("attempts");
        foreach (var a in message.Attempts)
        {
            writer.WriteStartObject();
            writer.WriteNumber("number", a.Number);
            writer.WriteString("trigger", a.Trigger.ToString());
            writer.WriteString("scheduled_at", a.ScheduledAt);
            writer.WriteString("sent_at", a.SentAt);
            writer.WriteNumber("duration_ms", a.Duration.TotalMilliseconds);
            if (a.StatusCode is { } status)
            {
                writer.WriteNumber("status", status);
            }
            else
            {
                writer.WriteNull("status");
            }

            writer.WriteString("error", a.Error);
            writer.WriteString("response", a.ResponseBody);
            writer.WriteString("faults", a.Faults.ToString());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private WebhookMessage Start(Uri endpoint, ReadOnlyMemory<byte> body, WebhookSendOptions? options, WebhookDeliveryTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        // Raw bodies need not parse (receivers are tested with garbage too); when they do, use their id and call.
        var parsed = LimeCallEventSerializer.Default.TryParse(body.Span, out var evt, out _) ? evt : null;
        var orderingKey = options?.OrderingKey ?? parsed?.OrderingKey;
        var message = new WebhookMessage(
            $"msg_{Interlocked.Increment(ref _nextMessage):D6}",
            endpoint,
            body.ToArray(),
            parsed?.Id,
            parsed?.Type,
            string.IsNullOrEmpty(orderingKey) ? null : orderingKey,
            trigger == WebhookDeliveryTrigger.Test);

        lock (_gate)
        {
            _messages.Add(message);
            Task previous = Task.CompletedTask;
            var key = message.OrderingKey is { } k ? endpoint + "|" + k : null;
            if (key is not null && _lastPerOrderingKey.TryGetValue(key, out var last))
            {
                previous = last;
            }

            var delivery = DeliverAsync(message, previous, trigger, options?.Faults ?? WebhookDeliveryFaults.None, options?.SigningSecret);
            if (key is not null)
            {
                _lastPerOrderingKey[key] = delivery;
            }

            _deliveries.Add(delivery);
        }

        return message;
    }

    private async Task DeliverAsync(WebhookMessage message, Task previous, WebhookDeliveryTrigger trigger, WebhookDeliveryFaults faults, string? signingSecret)
    {
        // Keep the order of one call's events: wait until the earlier message is delivered or has failed.
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding);
        var token = _stopping.Token;
        var schedule = _options.Schedule;
        var plan = new AttemptPlan(trigger, _timeProvider.GetUtcNow(), faults, signingSecret);
        for (var retry = 0; ; retry++)
        {
            // Drawn before the attempt, whatever its outcome, so a seeded jitter gives the same delays every run.
            var nextDelay = retry < schedule.Delays.Count ? Jittered(schedule.Delays[retry]) : (TimeSpan?)null;
            var results = await AttemptAsync(message, plan, token).ConfigureAwait(false);
            var answer = results.FirstOrDefault(r => r.IsSuccess, results[0]);
            var retries = !answer.IsSuccess && nextDelay is not null && schedule.ShouldRetry(answer.Status);

            // The retry's timer and due time are taken before the attempt is logged: a test that sees the attempt may
            // advance the clock at once, and neither may then move.
            var retryTimer = retries ? Task.Delay(nextDelay!.Value, _timeProvider, token) : null;
            var retryDueAt = retries ? _timeProvider.GetUtcNow() + nextDelay!.Value : default;
            RecordAll(message, plan, results);
            if (retryTimer is null)
            {
                message.Finish(answer.IsSuccess ? WebhookMessageState.Delivered : WebhookMessageState.Failed);
                return;
            }

            // Retries are sent as configured: faults and a one-off signing secret apply to the first attempt only.
            plan = new AttemptPlan(trigger, retryDueAt, WebhookDeliveryFaults.None, null);
            try
            {
                await retryTimer.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                message.Finish(WebhookMessageState.Failed);
                throw;
            }
        }
    }

    private TimeSpan Jittered(TimeSpan delay)
    {
        if (_options.Jitter <= 0)
        {
            return delay;
        }

        double factor;
        lock (_jitter)
        {
            factor = 1 + (((_jitter.NextDouble() * 2) - 1) * _options.Jitter);
        }

        // Whole milliseconds: timers fire at millisecond resolution, so the logged due time is the real one.
        return TimeSpan.FromMilliseconds(Math.Round((delay * factor).TotalMilliseconds));
    }

    /// <summary>Sends one attempt: one request, or two at once for <see cref="WebhookDeliveryFaults.Duplicate"/>.</summary>
    private async Task<AttemptResult[]> AttemptAsync(WebhookMessage message, AttemptPlan plan, CancellationToken cancellationToken)
    {
        if (!plan.Faults.HasFlag(WebhookDeliveryFaults.Duplicate))
        {
            return [await _transport.SendAsync(message, plan, cancellationToken).ConfigureAwait(false)];
        }

        // Both copies at once: the receiver must cope with a duplicate arriving while the first is in progress.
        var each = plan with { Faults = plan.Faults & ~WebhookDeliveryFaults.Duplicate };
        var copy = _transport.SendAsync(message, each, cancellationToken);
        var original = _transport.SendAsync(message, each, cancellationToken);
        return await Task.WhenAll(original, copy).ConfigureAwait(false);
    }

    private void RecordAll(WebhookMessage message, AttemptPlan plan, AttemptResult[] results)
    {
        foreach (var result in results)
        {
            var attempt = result.ToAttempt(message.NextAttemptNumber, plan);
            message.Record(attempt);
            if (_logger.IsEnabled(LogLevel.Information))
            {
                var outcome = attempt.StatusCode is { } status ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : attempt.Error ?? "no answer";
                SenderLog.Attempt(_logger, LogValues.Escape(message.EventType), attempt.Number, attempt.Trigger, outcome, attempt.Duration.TotalMilliseconds);
            }
        }
    }
}
