using System.Net.Http.Headers;
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
    private readonly HttpClient _http;
    private readonly LimeCallSigner? _signer;
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
        _http = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }, disposeHandler: handler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan, // attempts time out on the sender's TimeProvider instead
        };
        _signer = options.Secret is { } secret ? new LimeCallSigner(secret) : null;
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
        var now = _timeProvider.GetUtcNow();
        var status = await AttemptAsync(message, WebhookDeliveryTrigger.Manual, now, WebhookDeliveryFaults.None, null, linked.Token).ConfigureAwait(false);
        var state = IsSuccess(status) ? WebhookMessageState.Delivered : WebhookMessageState.Failed;
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

        _http.Dispose();
        _signer?.Dispose();
        _stopping.Dispose();
    }

    private static bool IsSuccess(int? status) => status is >= 200 and < 300;

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
        var orderingKey = options?.OrderingKey ?? parsed?.Data switch
        {
            CallEvent { CallId: { } callId } => callId,
            MessageEvent { MessageId: { } messageId } => messageId,
            _ => null,
        };
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
        var dueAt = _timeProvider.GetUtcNow();
        for (var retry = 0; ; retry++)
        {
            var nextDelay = retry < schedule.Delays.Count ? Jittered(schedule.Delays[retry]) : (TimeSpan?)null;
            Task? retryTimer = null;
            var status = await AttemptAsync(message, trigger, dueAt, retry == 0 ? faults : WebhookDeliveryFaults.None, retry == 0 ? signingSecret : null, token, beforeLogging: result =>
            {
                // Arm the retry timer before the attempt is logged, so a test that sees the attempt can advance the clock.
                if (!IsSuccess(result) && nextDelay is { } delay && schedule.ShouldRetry(result))
                {
                    retryTimer = Task.Delay(delay, _timeProvider, token);
                }
            }).ConfigureAwait(false);

            if (IsSuccess(status) || retryTimer is null)
            {
                message.Finish(IsSuccess(status) ? WebhookMessageState.Delivered : WebhookMessageState.Failed);
                return;
            }

            dueAt = _timeProvider.GetUtcNow() + nextDelay!.Value;
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

    private async Task<int?> AttemptAsync(
        WebhookMessage message,
        WebhookDeliveryTrigger trigger,
        DateTimeOffset dueAt,
        WebhookDeliveryFaults faults,
        string? signingSecret,
        CancellationToken cancellationToken,
        Action<int?>? beforeLogging = null)
    {
        if (faults.HasFlag(WebhookDeliveryFaults.Duplicate))
        {
            // Both copies at once: the receiver must cope with a duplicate arriving while the first is in progress.
            var copy = SendOnceAsync(message, faults & ~WebhookDeliveryFaults.Duplicate, signingSecret, cancellationToken);
            var original = SendOnceAsync(message, faults & ~WebhookDeliveryFaults.Duplicate, signingSecret, cancellationToken);
            var results = await Task.WhenAll(original, copy).ConfigureAwait(false);
            beforeLogging?.Invoke(results[0].Status);
            Record(message, results[0].ToAttempt(message.NextAttemptNumber, trigger, dueAt, faults));
            Record(message, results[1].ToAttempt(message.NextAttemptNumber, trigger, dueAt, faults));
            return results.Any(r => IsSuccess(r.Status)) ? results.First(r => IsSuccess(r.Status)).Status : results[0].Status;
        }

        var result = await SendOnceAsync(message, faults, signingSecret, cancellationToken).ConfigureAwait(false);
        beforeLogging?.Invoke(result.Status);
        Record(message, result.ToAttempt(message.NextAttemptNumber, trigger, dueAt, faults));
        return result.Status;
    }

    private void Record(WebhookMessage message, WebhookDeliveryAttempt attempt)
    {
        message.Record(attempt);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var outcome = attempt.StatusCode is { } status ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : attempt.Error ?? "no answer";
            SenderLog.Attempt(_logger, LogValues.Escape(message.EventType), attempt.Number, attempt.Trigger, outcome, attempt.Duration.TotalMilliseconds);
        }
    }

    private async Task<AttemptResult> SendOnceAsync(WebhookMessage message, WebhookDeliveryFaults faults, string? signingSecret, CancellationToken cancellationToken)
    {
        var sentAt = _timeProvider.GetUtcNow();
        var started = _timeProvider.GetTimestamp();
        using var timeout = new CancellationTokenSource(_options.AttemptTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        using var request = BuildRequest(message, faults, signingSecret);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var text = await ReadPrefixAsync(response, linked.Token).ConfigureAwait(false);
            return new(sentAt, _timeProvider.GetElapsedTime(started), (int)response.StatusCode, null, text);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new(sentAt, _timeProvider.GetElapsedTime(started), null, "timeout", null);
        }
        catch (HttpRequestException ex)
        {
            return new(sentAt, _timeProvider.GetElapsedTime(started), null, ex.HttpRequestError.ToString(), null);
        }
    }

    private HttpRequestMessage BuildRequest(WebhookMessage message, WebhookDeliveryFaults faults, string? signingSecret)
    {
        var stall = faults.HasFlag(WebhookDeliveryFaults.SlowBodyPastTimeout);
        HttpContent content = stall || faults.HasFlag(WebhookDeliveryFaults.DropConnection)
            ? new PartialBodyContent(message.Body, stall)
            : new ReadOnlyMemoryContent(message.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, message.Endpoint) { Content = content };
        request.Headers.UserAgent.ParseAdd("LimeCall-Webhooks/1.0");

        if (!faults.HasFlag(WebhookDeliveryFaults.MissingSignature))
        {
            var signature = signingSecret is not null
                ? LimeCallSigner.ComputeSignature(Encoding.UTF8.GetBytes(signingSecret), message.Body.Span)
                : _signer?.Sign(message.Body.Span);
            if (signature is not null && faults.HasFlag(WebhookDeliveryFaults.WrongSignature))
            {
                signature = LimeCallSigner.ComputeSignature("not-the-secret"u8, message.Body.Span);
            }

            if (signature is not null)
            {
                request.Headers.TryAddWithoutValidation(LimeCallWebhookHeaders.Signature, signature);
            }
        }

        if (_options.BearerToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private async Task<string?> ReadPrefixAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var limit = Math.Max(0, _options.MaxLoggedResponseChars);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[Math.Min(limit * 4, 64 * 1024) + 1];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
            {
                read += n;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, read);
            return text.Length > limit ? text[..limit] : text;
        }
    }

    private readonly record struct AttemptResult(DateTimeOffset SentAt, TimeSpan Duration, int? Status, string? Error, string? Body)
    {
        public WebhookDeliveryAttempt ToAttempt(int number, WebhookDeliveryTrigger trigger, DateTimeOffset dueAt, WebhookDeliveryFaults faults)
            => new()
            {
                Number = number,
                Trigger = trigger,
                ScheduledAt = dueAt,
                SentAt = SentAt,
                Duration = Duration,
                StatusCode = Status,
                Error = Error,
                ResponseBody = Body,
                Faults = faults,
            };
    }
}
