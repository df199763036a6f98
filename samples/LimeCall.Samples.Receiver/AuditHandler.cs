using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Samples.Receiver;

/// <summary>Every event, including types this SDK version does not know: log it and acknowledge it.</summary>
public sealed partial class AuditHandler(ILogger<AuditHandler> logger) : ILimeCallWebhookHandler<LimeCallEventData>
{
    /// <inheritdoc />
    public Task HandleAsync(LimeCallEventData data, LimeCallWebhookContext context)
    {
        // Type and id come from the payload: escaped, so a crafted value cannot forge a log line.
        if (logger.IsEnabled(LogLevel.Information))
        {
            var (type, key) = (Printable(context.Event.Type), Printable(context.IdempotencyKey));
            if (data is UnknownLimeCallEvent)
            {
                LogUnknown(logger, type, key);
            }
            else
            {
                LogReceived(logger, type, key);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Control characters (new lines, terminal escapes) as <c>\uXXXX</c>, and at most 200 characters.</summary>
    private static string Printable(string value)
    {
        var shown = value.Length > 200 ? value[..200] : value;
        return shown.Any(char.IsControl)
            ? string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()))
            : shown;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LimeCall event {EventType} {EventId} received")]
    private static partial void LogReceived(ILogger logger, string eventType, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "LimeCall event {EventType} {EventId} is not known to this SDK version; acknowledged")]
    private static partial void LogUnknown(ILogger logger, string eventType, string eventId);
}
