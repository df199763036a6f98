using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Samples.Receiver;

/// <summary>Every event, including types this SDK version does not know: log it and acknowledge it.</summary>
public sealed partial class AuditHandler(ILogger<AuditHandler> logger) : ILimeCallWebhookHandler<LimeCallEvent>
{
    /// <inheritdoc />
    public Task HandleAsync(LimeCallEvent webhookEvent, LimeCallWebhookContext context)
    {
        if (webhookEvent is UnknownLimeCallEvent)
        {
            LogUnknown(logger, webhookEvent.Type, context.IdempotencyKey);
        }
        else
        {
            LogReceived(logger, webhookEvent.Type, context.IdempotencyKey);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LimeCall event {EventType} {EventId} received")]
    private static partial void LogReceived(ILogger logger, string eventType, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "LimeCall event {EventType} {EventId} is not known to this SDK version; acknowledged")]
    private static partial void LogUnknown(ILogger logger, string eventType, string eventId);
}
