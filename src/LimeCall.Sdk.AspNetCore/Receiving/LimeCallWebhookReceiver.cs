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
            pending.GetAwaiter().GetResult(); // gives the pooled box back
            return Task.CompletedTask;
        }

        return pending.AsTask();
    }

    // One state machine for the whole request, from a pool. Split into nested async methods (as it was), every level
    // is suspended while a handler awaits I/O and each needs a state machine of its own, which a pool recycles only
    // when it is given back on the thread that rents next. A plain async Task would need no Task wrapped around it,
    // but its box (the whole request's state) is never reused: measured in ReceiverPipelineBenchmarks' awaiting row,
    // it cost 0.17 KB more than this pooled box and the small Task around it.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReceiveAsync(HttpContext context)
    {
        using var activity = StartProcessActivity();
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            RejectMethod(context);
            return;
        }

        var body = await _gate.AuthenticateAsync(context).ConfigureAwait(false);
        if (!body.Accepted)
        {
            return;
        }

        try
        {
            if (!Serializer.TryParse(body.Body.Span, out var webhookEvent, out var error))
            {
                ReceiverLog.Malformed(_logger, error);
                _gate.Reject(context, StatusCodes.Status400BadRequest, RejectReason.MalformedPayload);
                return;
            }

            Received(activity, webhookEvent);
            try
            {
                if (_inbox is not null)
                {
                    var appended = await _inbox.AppendAsync(ToInboxMessage(webhookEvent, body.Body), context.RequestAborted).ConfigureAwait(false);
                    AnswerAppended(context, webhookEvent, appended);
                }
                else if (_idempotency is null)
                {
                    await _dispatcher.DispatchAsync(new(context, webhookEvent, body.Body, webhookEvent.IdempotencyKey)).ConfigureAwait(false);
                    context.Response.StatusCode = StatusCodes.Status200OK;
                }
                else
                {
                    // The handlers run now, once per event, by a key bounded whatever the payload (a long or odd id is
                    // hashed). State-passing overload with a static lambda: no closure or delegate per request.
                    var idempotencyKey = webhookEvent.IdempotencyKey;
                    var result = await _idempotency.ExecuteAsync(
                        idempotencyKey,
                        (Receiver: this, Context: new LimeCallWebhookContext(context, webhookEvent, body.Body, idempotencyKey)),
                        static (state, _) => state.Receiver._dispatcher.DispatchAsync(state.Context),
                        context.RequestAborted).ConfigureAwait(false);
                    AnswerOutcome(context, webhookEvent, result);
                }
            }
#pragma warning disable CA1031 // Every failure has a documented answer; none may escape as ASP.NET's 500.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                AnswerFailure(context, webhookEvent, ex);
            }
        }
        finally
        {
            body.Return();
        }
    }

    // A messaging "process" span (OpenTelemetry's messaging conventions): a consumer of LimeCall's delivery, inside
    // ASP.NET Core's own server span for the HTTP request, not a second server span.
    private static Activity? StartProcessActivity()
    {
        var activity = ReceiverTelemetry.ActivitySource.StartActivity("process limecall", ActivityKind.Consumer);
        activity?.SetTag("messaging.system", "limecall");
        activity?.SetTag("messaging.operation.type", "process");
        return activity;
    }

    private void RejectMethod(HttpContext context)
    {
        context.Response.Headers.Allow = "POST";
        _gate.Reject(context, StatusCodes.Status405MethodNotAllowed, RejectReason.MethodNotAllowed);
    }

    private void Received(Activity? activity, LimeCallEvent webhookEvent)
    {
        activity?.SetTag("limecall.event.type", webhookEvent.Type);
        activity?.SetTag("limecall.event.id", webhookEvent.Id);
        activity?.SetTag("messaging.message.id", webhookEvent.Id);
        _telemetry.Received.Add(1, new KeyValuePair<string, object?>("limecall.event.type", webhookEvent.Type));
    }

    /// <summary>Answers a delivery whose handlers, store or inbox threw: each failure has its documented status code.</summary>
    private void AnswerFailure(HttpContext context, LimeCallEvent webhookEvent, Exception exception)
    {
        switch (exception)
        {
            case HandlerFailedException failed:
                _telemetry.HandlerFailures.Add(1, new KeyValuePair<string, object?>("limecall.event.type", webhookEvent.Type));
                ReceiverLog.HandlerFailed(_logger, failed.InnerException!, failed.Handler, LogValues.Escape(webhookEvent.Type), LogValues.Escape(webhookEvent.Id));
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                break;
            case IdempotencyCapacityExceededException:
                context.Response.Headers.RetryAfter = "1";
                _gate.Reject(context, StatusCodes.Status503ServiceUnavailable, RejectReason.StoreFull);
                break;
            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                // The sender hung up while the store or the inbox was asked: nothing was done, it will retry.
                ReceiverLog.ClientDisconnected(_logger);
                break;
            default:
                // The event was not processed or stored (database down, timeout). 503 asks the sender to retry; 500
                // would claim a handler failed.
                if (_inbox is not null)
                {
                    InboxLog.AppendFailed(_logger, exception, LogValues.Escape(webhookEvent.Type), LogValues.Escape(webhookEvent.Id));
                }
                else
                {
                    ReceiverLog.StoreFailed(_logger, exception, LogValues.Escape(webhookEvent.Type), LogValues.Escape(webhookEvent.Id));
                }

                AnswerStoreUnavailable(context);
                break;
        }
    }

    /// <summary>Nothing was stored or processed (store or inbox down): 503 asks the sender to retry; 500 would claim a handler failed.</summary>
    private void AnswerStoreUnavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = StoreRetryAfterSeconds;
        _gate.Reject(context, StatusCodes.Status503ServiceUnavailable, RejectReason.StoreUnavailable);
    }

    private InboxMessage ToInboxMessage(LimeCallEvent webhookEvent, ReadOnlyMemory<byte> body)
    {
        var orderingKey = webhookEvent.OrderingKey;
        return new InboxMessage
        {
            Key = webhookEvent.IdempotencyKey,
            EventType = webhookEvent.Type,
            Body = body,
            OrderingKey = orderingKey,
            OccurredAt = webhookEvent.Timestamp,
            NotBefore = orderingKey is not null && _holdWindow > TimeSpan.Zero ? _time.GetUtcNow() + _holdWindow : null,
        };
    }

    /// <summary>Inbox mode: 202 once the event is durably stored, 200 for a duplicate.</summary>
    private void AnswerAppended(HttpContext context, LimeCallEvent webhookEvent, InboxAppendOutcome outcome)
    {
        switch (outcome)
        {
            case InboxAppendOutcome.Stored:
                _telemetry.InboxStored.Add(1, new KeyValuePair<string, object?>("limecall.event.type", webhookEvent.Type));
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                break;
            case InboxAppendOutcome.Duplicate:
                AnswerDuplicate(context, webhookEvent);
                break;
            default:
                // An inbox that answers neither (a custom one's default value) has not said the event is stored:
                // never acknowledge it. Thrown inside the append's try, so the sender is asked to retry (503).
                throw new InvalidOperationException($"The inbox answered an append with {outcome}; an inbox must return Stored or Duplicate.");
        }
    }

    /// <summary>Done before (by either mode's record): 200, so the sender stops; counted and logged as a duplicate.</summary>
    private void AnswerDuplicate(HttpContext context, LimeCallEvent webhookEvent)
    {
        _telemetry.Duplicates.Add(1);
        ReceiverLog.Duplicate(_logger, LogValues.Escape(webhookEvent.Type), LogValues.Escape(webhookEvent.Id));
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private void AnswerOutcome(HttpContext context, LimeCallEvent webhookEvent, IdempotencyResult result)
    {
        switch (result.Outcome)
        {
            case IdempotencyOutcome.Executed:
                context.Response.StatusCode = StatusCodes.Status200OK;
                break;
            case IdempotencyOutcome.Duplicate:
                AnswerDuplicate(context, webhookEvent);
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
