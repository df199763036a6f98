using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Receiver1;

/// <summary>Every event, of every type (including ones this SDK version does not know): logs its type and id.</summary>
public sealed partial class LogEveryEventHandler(ILogger<LogEveryEventHandler> logger) : ILimeCallWebhookHandler<LimeCallEventData>
{
    public Task HandleAsync(LimeCallEventData data, LimeCallWebhookContext context)
    {
        // Types and ids only: payloads hold phone numbers and names.
        Received(logger, context.Event.ReceivedType, context.Event.Id);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LimeCall event {EventType} {EventId}")]
    private static partial void Received(ILogger logger, string? eventType, string? eventId);
}
