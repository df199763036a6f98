using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.AspNetCore.Diagnostics;

/// <summary>The receiver's log messages. None carries a secret, token, signature or payload value.</summary>
internal static partial class ReceiverLog
{
    [LoggerMessage(1, LogLevel.Warning, "LimeCall webhook rejected with {StatusCode}: {Reason}")]
    public static partial void Rejected(ILogger logger, int statusCode, string reason);

    [LoggerMessage(2, LogLevel.Warning, "LimeCall webhook payload rejected: {Error}")]
    public static partial void Malformed(ILogger logger, Webhooks.LimeCallPayloadError error);

    [LoggerMessage(3, LogLevel.Information, "LimeCall webhook {EventType} {EventId} processed")]
    public static partial void Processed(ILogger logger, string eventType, string? eventId);

    [LoggerMessage(4, LogLevel.Information, "LimeCall webhook {EventType} {EventId} is a duplicate; acknowledged")]
    public static partial void Duplicate(ILogger logger, string eventType, string? eventId);

    [LoggerMessage(5, LogLevel.Warning, "LimeCall webhook {EventType} {EventId} is being processed elsewhere; asked to retry in {RetryAfterSeconds}s")]
    public static partial void InProgress(ILogger logger, string eventType, string? eventId, int retryAfterSeconds);

    [LoggerMessage(6, LogLevel.Error, "LimeCall webhook handler {Handler} failed for {EventType} {EventId}; answered 500 so the sender retries")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string handler, string eventType, string? eventId);

    [LoggerMessage(7, LogLevel.Information, "LimeCall webhook of unknown type {EventType} acknowledged")]
    public static partial void Unknown(ILogger logger, string eventType);
}
