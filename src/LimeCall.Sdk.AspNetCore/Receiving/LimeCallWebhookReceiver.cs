using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using LimeCall.Sdk.AspNetCore.Diagnostics;
using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.Inbox;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>
/// The webhook endpoint's pipeline: method check, then the shared authentication step (<see cref="WebhookGate"/>),
/// parse, then idempotent dispatch to the handlers, each step mapped to the documented status code.
/// </summary>
/// <remarks>
/// The SDK itself never answers 500: that code means "a handler failed, retry". A store that fails answers 503 with
/// <c>Retry-After</c>; a client that hangs up gets no answer and no error log.
/// </remarks>
internal sealed class LimeCallWebhookReceiver
{
    // The gate enforces MaxBodyBytes itself; the parser only needs a ceiling above any allowed value.
    private static readonly LimeCallEventSerializer Serializer = new(new() { MaxPayloadBytes = 64 * 1024 * 1024 });

    // What a sender is asked to wait when the store could not be reached: long enough for a failover, short
    // against LimeCall's own first retry (1 minute).
    private const string StoreRetryAfterSeconds = "5";

    private readonly HandlerDispatcher _dispatcher;
    private readonly IdempotentProcessor? _idempotency;
    private readonly IWebhookInbox? _inbox;
    private readonly TimeSpan _holdWindow;
    private readonly WebhookGate _gate;
    private readonly ReceiverTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public LimeCallWebhookReceiver(
        HandlerDispatcher dispatcher,
        WebhookGate gate,
        ReceiverTelemetry telemetry,
        ILogger<LimeCallWebhookReceiver> logger,
        TimeProvider time,
        IServiceProvider services)
    {
        _dispatcher = dispatcher;
        if (services.GetService<InboxMode>() is not null)
        {
            // Inbox mode: the inbox deduplicates by the event's key; handlers run later, in the processor.
            _inbox = services.GetService<IWebhookInbox>() ?? throw new InvalidOperationException(InboxProcessor.MissingInbox);
            _holdWindow = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LimeCallInboxOptions>>().Value.HoldWindow;
        }
        else
        {
            _idempotency = services.GetService<DuplicateProcessingAllowed>() is null ? services.GetRequiredService<IdempotentProcessor>() : null;
        }
        _gate = gate;
        _telemetry = telemetry;
        _logger = logger;
        _time = time;
    }

    /// <summary>Handles one request. Completes synchronously (allocation-free) when the handlers do.</summary>
    public Task HandleAsync(HttpContext context)
    {
        var pending = ReceiveAsync(context);
        if (pending.IsCompletedSuccessfully)
        {
            pending.GetAwaiter().GetResult(); // gives a pooled box back
            return Task.CompletedTask;
        }

        return pending.AsTask();
    }

    // The internal steps return ValueTask with a pooled builder: when a handler really awaits I/O, the
    // suspended steps reuse state machines instead of allocating one box each per request.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReceiveAsync(HttpContext context)
    {
        // A messaging "process" span (OpenTelemetry's messaging conventions): a consumer of LimeCall's delivery, inside
        // ASP.NET Core's own server span for the HTTP request, not a second server span.
        using var activity = ReceiverTelemetry.ActivitySource.StartActivity("process limecall", ActivityKind.Consumer);
        activity?.SetTag("messaging.system", "limecall");
        activity?.SetTag("messaging.operation.type", "process");
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = "POST";
            _gate.Reject(context, StatusCodes.Status405MethodNotAllowed, RejectReason.MethodNotAllowed);
            return;
        }

        var body = await _gate.AuthenticateAsync(context).ConfigureAwait(false);
        if (!body.Accepted)
        {
            return;
        }

        try
        {
            await ProcessAsync(context, body.Body, activity).ConfigureAwait(false);
        }
        finally
        {
            body.Return();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ProcessAsync(HttpContext context, ReadOnlyMemory<byte> body, Activity? activity)
    {
        if (!Serializer.TryParse(body.Span, out var webhookEvent, out var error))
        {
            ReceiverLog.Malformed(_logger, error);
            _gate.Reject(context, StatusCodes.Status400BadRequest, RejectReason.MalformedPayload);
            return;
        }

        activity?.SetTag("limecall.event.type", webhookEvent.Type);
        activity?.SetTag("limecall.event.id", webhookEvent.Id);
        activity?.SetTag("messaging.message.id", webhookEvent.Id);
        _telemetry.Received.Add(1, new KeyValuePair<string, object?>("limecall.event.type", webhookEvent.Type));

        if (_inbox is not null)
        {
            await StoreAsync(context, webhookEvent, body).ConfigureAwait(false);
            return;
        }

        await RunHandlersAsync(context, webhookEvent, body).ConfigureAwait(false);
    }

    /// <summary>In-request mode: the handlers run now, once per event (idempotency), and the answer says how they did.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RunHandlersAsync(HttpContext context, LimeCallEvent webhookEvent, ReadOnlyMemory<byte> body)
    {
        // Bounded whatever the payload (a long or odd id is hashed), so a signed event can never be a poison message.
        var idempotencyKey = webhookEvent.IdempotencyKey;
        var handlerContext = new LimeCallWebhookContext(context, webhookEvent, body, idempotencyKey);
        try
        {
            if (_idempotency is null)
            {
                await _dispatcher.DispatchAsync(handlerContext).ConfigureAwait(false);
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
            }

            // State-passing overload with a static lambda: no closure or delegate per request.
            var result = await _idempotency.ExecuteAsync(
                idempotencyKey,
                (Receiver: this, Context: handlerContext),
                static (state, _) => state.Receiver._dispatcher.DispatchAsync(state.Context),
                context.RequestAborted).ConfigureAwait(false);
            AnswerOutcome(context, webhookEvent, result);
        }
        catch (HandlerFailedException failed)
        {
            _telemetry.HandlerFailures.Add(1, new KeyValuePair<string, object?>("limecall.event.type", webhookEvent.Type));
            ReceiverLog.HandlerFailed(_logger, failed.InnerException!, failed.Handler, LogValues.Escape(webhookEvent.Type), LogValues.Escape(webhookEvent.Id));
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
        catch (IdempotencyCapacityExceededException)
        {
            context.Response.Headers.RetryAfter = "1";
            _gate.Reject(context, StatusCodes.Status503ServiceUnavailable, RejectReason.StoreFull);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The sender hung up while the store was asked: nothing was done, it will retry.
            ReceiverLog.ClientDisconnected(_logger);
        }
#pragma warning disable CA1031 // Whatever the store threw, the answer is the same: not stored, retry later.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The idempotency store failed (database down, timeout): the event was not processed. 503 asks the
            // sender to retry; 500 would claim a handler failed.
            ReceiverLog.StoreFailed(_logger, ex, LogValues.Escape(webhookEvent.Type), LogValues.Escape(webhookEvent.Id));
            AnswerStoreUnavailable(context);
        }
    }

    /// <summary>Nothing was stored or processed (store or inbox down): 503 asks the sender to retry; 500 would claim a handler failed.</summary>
    private void AnswerStoreUnavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = StoreRetryAfterSeconds;
        _gate.Reject(context, StatusCodes.Status503ServiceUnavailable, RejectReason.StoreUnavailable);
    }

    /// <summary>Inbox mode: 202 once the event is durably stored, 200 for a duplicate, 503 when the inbox cannot be written.</summary>
    private async ValueTask StoreAsync(HttpContext context, LimeCallEvent webhookEvent, ReadOnlyMemory<byte> body)
    {
        var orderingKey = webhookEvent.OrderingKey;
        var message = new InboxMessage
        {
            Key = webhookEvent.IdempotencyKey,
            EventType = webhookEvent.Type,
            Body = body,
            OrderingKey = orderingKey,
            OccurredAt = webhookEvent.Timestamp,
            NotBefore = orderingKey is not null && _holdWindow > TimeSpan.Zero ? _time.GetUtcNow() + _holdWindow : null,
        };
        try
        {
            var outcome = await _inbox!.AppendAsync(message, context.RequestAborted).ConfigureAwait(false);
            if (outcome == InboxAppendOutcome.Stored)
            {
                _telemetry.InboxStored.Add(1, new KeyValuePair<string, object?>("limecall.event.type", webhookEvent.Type));
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                return;
            }

            _telemetry.Duplicates.Add(1);
            ReceiverLog.Duplicate(_logger, LogValues.Escape(webhookEvent.Type), LogValues.Escape(webhookEvent.Id));
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            ReceiverLog.ClientDisconnected(_logger);
        }
#pragma warning disable CA1031 // Whatever the inbox threw, the answer is the same: not stored, retry later.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            InboxLog.AppendFailed(_logger, ex, LogValues.Escape(webhookEvent.Type), LogValues.Escape(webhookEvent.Id));
            AnswerStoreUnavailable(context);
        }
    }

    private void AnswerOutcome(HttpContext context, LimeCallEvent webhookEvent, IdempotencyResult result)
    {
        switch (result.Outcome)
        {
            case IdempotencyOutcome.Executed:
                context.Response.StatusCode = StatusCodes.Status200OK;
                break;
            case IdempotencyOutcome.Duplicate:
                _telemetry.Duplicates.Add(1);
                ReceiverLog.Duplicate(_logger, LogValues.Escape(webhookEvent.Type), LogValues.Escape(webhookEvent.Id));
                context.Response.StatusCode = StatusCodes.Status200OK;
                break;
            case IdempotencyOutcome.InProgressElsewhere:
                var seconds = (int)Math.Ceiling(result.RetryAfter!.Value.TotalSeconds);
                ReceiverLog.InProgress(_logger, LogValues.Escape(webhookEvent.Type), LogValues.Escape(webhookEvent.Id), seconds);
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                _gate.Reject(context, StatusCodes.Status503ServiceUnavailable, RejectReason.InProgressElsewhere);
                break;
            default:
                // Not a state the processor returns: never acknowledge what was not processed.
                throw new InvalidOperationException($"Unexpected idempotency outcome {result.Outcome}.");
        }
    }
}
