using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.AspNetCore.Diagnostics;

/// <summary>The durable inbox's log messages: event types and ids (escaped), attempts and errors, never a body.</summary>
internal static partial class InboxLog
{
    [LoggerMessage(40, LogLevel.Error, "The LimeCall inbox could not store webhook {EventType} {EventId}; answered 503 so the sender retries", EventName = "InboxAppendFailed")]
    public static partial void AppendFailed(ILogger logger, Exception exception, string eventType, string? eventId);

    [LoggerMessage(41, LogLevel.Warning, "LimeCall inbox event {InboxId} ({EventType}) failed on attempt {Attempt}; retrying in {RetryDelay}", EventName = "InboxRetry")]
    public static partial void Retry(ILogger logger, Exception exception, long inboxId, string eventType, int attempt, TimeSpan retryDelay);

    [LoggerMessage(42, LogLevel.Error, "LimeCall inbox event {InboxId} ({EventType}) failed on its last attempt ({Attempt}) and was dead-lettered", EventName = "InboxDeadLettered")]
    public static partial void DeadLettered(ILogger logger, Exception exception, long inboxId, string eventType, int attempt);

    [LoggerMessage(43, LogLevel.Error, "LimeCall inbox event {InboxId} cannot be parsed ({Error}) and was dead-lettered", EventName = "InboxUnparseable")]
    public static partial void Unparseable(ILogger logger, long inboxId, Webhooks.LimeCallPayloadError error);

    [LoggerMessage(44, LogLevel.Error, "The LimeCall inbox could not be read; the processor tries again", EventName = "InboxUnavailable")]
    public static partial void Unavailable(ILogger logger, Exception exception);

    [LoggerMessage(45, LogLevel.Warning, "LimeCall inbox event {InboxId} lost its lease (it expired and another worker took it); its outcome here was discarded", EventName = "InboxLeaseLost")]
    public static partial void LeaseLost(ILogger logger, long inboxId);

    [LoggerMessage(46, LogLevel.Information, "LimeCall inbox event {InboxId} ({EventType}) arrived after a later event of its call was handled", EventName = "InboxOutOfOrder")]
    public static partial void OutOfOrder(ILogger logger, long inboxId, string eventType);
}
