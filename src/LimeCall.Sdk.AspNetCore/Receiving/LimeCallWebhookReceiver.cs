using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using LimeCall.Sdk.AspNetCore.Diagnostics;
using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>
/// The webhook endpoint's pipeline: method, source, content type and size checks, one bounded read into a
/// pooled buffer, signature and token, parse, then idempotent dispatch to the handlers, each step mapped to
/// the documented status code.
/// </summary>
internal sealed class LimeCallWebhookReceiver
{
    // The receiver enforces MaxBodyBytes itself; the parser only needs a ceiling above any allowed value.
    private static readonly LimeCallEventSerializer Serializer = new(new() { MaxPayloadBytes = 64 * 1024 * 1024 });

    private readonly HandlerRegistration[] _handlers;
    private readonly IdempotentProcessor? _idempotency;
    private readonly ReceiverTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private volatile RequestAuthenticator _authenticator;

    public LimeCallWebhookReceiver(
        IOptionsMonitor<LimeCallWebhookOptions> options,
        IEnumerable<HandlerRegistration> handlers,
        ReceiverTelemetry telemetry,
        ILogger<LimeCallWebhookReceiver> logger,
        TimeProvider time,
        IServiceProvider services)
    {
        _handlers = [.. handlers];
        _idempotency = services.GetService<IdempotentProcessor>();
        _telemetry = telemetry;
        _logger = logger;
        _time = time;
        _authenticator = new RequestAuthenticator(options.CurrentValue);

        // Secrets re-read on change: rotation needs no restart.
        options.OnChange(changed => _authenticator = new RequestAuthenticator(changed));
    }

    internal RequestAuthenticator Authenticator => _authenticator;

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
        using var activity = ReceiverTelemetry.ActivitySource.StartActivity("LimeCall.Webhook.Receive", ActivityKind.Server);
        var authenticator = _authenticator;
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "POST";
            Reject(context, StatusCodes.Status405MethodNotAllowed, "method not allowed");
            return;
        }

        if (authenticator.RejectBeforeBody(context) is { } unauthorized)
        {
            Reject(context, StatusCodes.Status401Unauthorized, unauthorized);
            return;
        }

        if (!IsJson(request.ContentType))
        {
            Reject(context, StatusCodes.Status415UnsupportedMediaType, "content type is not JSON");
            return;
        }

        if (request.ContentLength > authenticator.MaxBodyBytes)
        {
            Reject(context, StatusCodes.Status413PayloadTooLarge, "body larger than the limit");
            return;
        }

        var (buffer, length) = await BodyReader.ReadAsync(request, authenticator.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        try
        {
            if (length < 0)
            {
                Reject(context, StatusCodes.Status413PayloadTooLarge, "body larger than the limit");
                return;
            }

            await ProcessAsync(context, authenticator, buffer.AsMemory(0, length), activity).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary><c>application/json</c> or any <c>type/subtype+json</c>, parameters (charset) ignored; checked on the span, allocation-free.</summary>
    internal static bool IsJson(string? contentType)
    {
        var media = contentType.AsSpan();
        var parameters = media.IndexOf(';');
        media = (parameters >= 0 ? media[..parameters] : media).Trim();
        var slash = media.IndexOf('/');
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (slash > 0 && slash < media.Length - 6 && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ProcessAsync(HttpContext context, RequestAuthenticator authenticator, ReadOnlyMemory<byte> body, Activity? activity)
    {
        if (authenticator.RejectBody(body.Span, context.Request.Headers) is { } unauthorized)
        {
            Reject(context, StatusCodes.Status401Unauthorized, unauthorized);
            return;
        }

        if (!Serializer.TryParse(body.Span, out var webhookEvent, out var error))
        {
            ReceiverLog.Malformed(_logger, error);
            Reject(context, StatusCodes.Status400BadRequest, "malformed payload");
            return;
        }

        activity?.SetTag("limecall.event.type", webhookEvent.Type);
        activity?.SetTag("limecall.event.id", webhookEvent.Id);
        _telemetry.Received.Add(1, new KeyValuePair<string, object?>("limecall.event.type", webhookEvent.Type));
        // An event without an id is keyed by a SHA-256 of its body: hash once per delivery, not on every read.
        var idempotencyKey = webhookEvent.IdempotencyKey;
        var handlerContext = new LimeCallWebhookContext(context, webhookEvent, body, idempotencyKey);
        try
        {
            if (_idempotency is null)
            {
                await DispatchAsync(handlerContext).ConfigureAwait(false);
                Answer(context, StatusCodes.Status200OK);
                return;
            }

            // State-passing overload with a static lambda: no closure or delegate per request.
            var result = await _idempotency.ExecuteAsync(
                idempotencyKey,
                (Receiver: this, Context: handlerContext),
                static (state, _) => state.Receiver.DispatchAsync(state.Context),
                context.RequestAborted).ConfigureAwait(false);
            AnswerOutcome(context, webhookEvent, result);
        }
        catch (IdempotencyCapacityExceededException)
        {
            context.Response.Headers.RetryAfter = "1";
            Reject(context, StatusCodes.Status503ServiceUnavailable, "idempotency store full");
        }
        catch (HandlerFailedException failed)
        {
            _telemetry.HandlerFailures.Add(1, new KeyValuePair<string, object?>("limecall.event.type", webhookEvent.Type));
            ReceiverLog.HandlerFailed(_logger, failed.InnerException!, failed.Handler, webhookEvent.Type, webhookEvent.Id);
            Answer(context, StatusCodes.Status500InternalServerError);
        }
    }

    private void AnswerOutcome(HttpContext context, LimeCallEvent webhookEvent, IdempotencyResult result)
    {
        switch (result.Outcome)
        {
            case IdempotencyOutcome.Duplicate:
                _telemetry.Duplicates.Add(1);
                ReceiverLog.Duplicate(_logger, webhookEvent.Type, webhookEvent.Id);
                Answer(context, StatusCodes.Status200OK);
                break;
            case IdempotencyOutcome.InProgressElsewhere:
                var seconds = (int)Math.Ceiling(result.RetryAfter!.Value.TotalSeconds);
                ReceiverLog.InProgress(_logger, webhookEvent.Type, webhookEvent.Id, seconds);
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Reject(context, StatusCodes.Status503ServiceUnavailable, "in progress elsewhere");
                break;
            default:
                Answer(context, StatusCodes.Status200OK);
                break;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask DispatchAsync(LimeCallWebhookContext context)
    {
        var webhookEvent = context.Event;
        var started = _time.GetTimestamp();
        var handled = false;
        foreach (var handler in _handlers)
        {
            if (!handler.EventType.IsInstanceOfType(webhookEvent))
            {
                continue;
            }

            handled = true;
            try
            {
                await handler.Invoke(context.HttpContext.RequestServices, webhookEvent, context).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
            {
                throw new HandlerFailedException(handler.Name, ex);
            }
        }

        _telemetry.HandlerDuration.Record(_time.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("limecall.event.type", webhookEvent.Type));
        if (webhookEvent is UnknownLimeCallEvent)
        {
            ReceiverLog.Unknown(_logger, webhookEvent.Type);
        }
        else if (handled)
        {
            ReceiverLog.Processed(_logger, webhookEvent.Type, webhookEvent.Id);
        }
    }

    private void Reject(HttpContext context, int status, string reason)
    {
        _telemetry.Rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
        ReceiverLog.Rejected(_logger, status, reason);
        Answer(context, status);
    }

    private static void Answer(HttpContext context, int status) => context.Response.StatusCode = status;
}
