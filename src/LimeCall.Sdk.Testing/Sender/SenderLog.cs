using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.Testing.Sender;

/// <summary>The sender's log messages: what a delivery log shows, never a secret, token, signature or body.</summary>
internal static partial class SenderLog
{
    [LoggerMessage(301, LogLevel.Information, "LimeCall webhook {EventType} attempt {Attempt} ({Trigger}) -> {Outcome} in {DurationMs} ms", EventName = "DeliveryAttempt")]
    public static partial void Attempt(ILogger logger, string eventType, int attempt, WebhookDeliveryTrigger trigger, string outcome, double durationMs);
}
