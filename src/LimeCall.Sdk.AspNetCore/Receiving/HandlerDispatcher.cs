using System.Runtime.CompilerServices;
using LimeCall.Sdk.AspNetCore.Diagnostics;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>
/// Runs the registered handlers of an event, in registration order, each resolved from the delivery's scope: the one
/// dispatch for both modes, inside the request and from the inbox.
/// </summary>
internal sealed class HandlerDispatcher
{
    private readonly HandlerRegistration[] _handlers;
    private readonly ReceiverTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public HandlerDispatcher(IEnumerable<HandlerRegistration> handlers, ReceiverTelemetry telemetry, ILogger<LimeCallWebhookReceiver> logger, TimeProvider time)
    {
        _handlers = [.. handlers];
        _telemetry = telemetry;
        _logger = logger;
        _time = time;
    }

    /// <summary>Counts the handlers that run for <paramref name="data"/>.</summary>
    public int CountFor(LimeCallEventData data)
    {
        var count = 0;
        foreach (var handler in _handlers)
        {
            count += handler.DataType.IsInstanceOfType(data) ? 1 : 0;
        }

        return count;
    }

    /// <exception cref="HandlerFailedException">A handler threw (not a cancellation of the delivery itself).</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask DispatchAsync(LimeCallWebhookContext context)
    {
        var webhookEvent = context.Event;
        var started = _time.GetTimestamp();
        var handled = false;
        foreach (var handler in _handlers)
        {
            if (!handler.DataType.IsInstanceOfType(webhookEvent.Data))
            {
                continue;
            }

            handled = true;
            try
            {
                await handler.Invoke(context.Services, webhookEvent.Data, context).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
            {
                throw new HandlerFailedException(handler.Name, ex);
            }
        }

        _telemetry.HandlerDuration.Record(_time.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("limecall.event.type", webhookEvent.Type));
        if (webhookEvent.Data is UnknownLimeCallEvent)
        {
            ReceiverLog.Unknown(_logger, LogValues.Escape(webhookEvent.Type));
        }
        else if (handled)
        {
            ReceiverLog.Processed(_logger, LogValues.Escape(webhookEvent.Type), LogValues.Escape(webhookEvent.Id));
        }
    }
}
