using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.AspNetCore.Diagnostics;

/// <summary>
/// The receiver's and the signature check's log messages. None carries a secret, token, signature or payload
/// value; event types and ids come from payloads, so callers pass them through <see cref="LogValues.Escape"/>.
/// </summary>
internal static partial class ReceiverLog
{
    [LoggerMessage(1, LogLevel.Warning, "LimeCall webhook rejected with {StatusCode}: {Reason}", EventName = "Rejected")]
    public static partial void Rejected(ILogger logger, int statusCode, string reason);

    [LoggerMessage(2, LogLevel.Warning, "LimeCall webhook payload rejected: {Error}", EventName = "MalformedPayload")]
    public static partial void Malformed(ILogger logger, Webhooks.LimeCallPayloadError error);

    [LoggerMessage(3, LogLevel.Information, "LimeCall webhook {EventType} {EventId} processed", EventName = "Processed")]
    public static partial void Processed(ILogger logger, string eventType, string? eventId);

    [LoggerMessage(4, LogLevel.Information, "LimeCall webhook {EventType} {EventId} is a duplicate; acknowledged", EventName = "Duplicate")]
    public static partial void Duplicate(ILogger logger, string eventType, string? eventId);

    [LoggerMessage(5, LogLevel.Warning, "LimeCall webhook {EventType} {EventId} is being processed elsewhere; asked to retry in {RetryAfterSeconds}s", EventName = "InProgressElsewhere")]
    public static partial void InProgress(ILogger logger, string eventType, string? eventId, int retryAfterSeconds);

    [LoggerMessage(6, LogLevel.Error, "LimeCall webhook handler {Handler} failed for {EventType} {EventId}; answered 500 so the sender retries", EventName = "HandlerFailed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string handler, string eventType, string? eventId);

    [LoggerMessage(7, LogLevel.Information, "LimeCall webhook of unknown type {EventType} acknowledged", EventName = "UnknownEventType")]
    public static partial void Unknown(ILogger logger, string eventType);

    [LoggerMessage(8, LogLevel.Error, "The idempotency store failed for LimeCall webhook {EventType} {EventId}; answered 503 so the sender retries", EventName = "StoreFailed")]
    public static partial void StoreFailed(ILogger logger, Exception exception, string eventType, string? eventId);

    [LoggerMessage(9, LogLevel.Debug, "The sender of a LimeCall webhook hung up before it was answered", EventName = "ClientDisconnected")]
    public static partial void ClientDisconnected(ILogger logger);

    [LoggerMessage(10, LogLevel.Information, "LimeCall webhook body could not be read ({StatusCode}): {Problem}", EventName = "BodyUnreadable")]
    public static partial void BodyUnreadable(ILogger logger, int statusCode, string problem);

    [LoggerMessage(11, LogLevel.Error, "The changed LimeCall:Webhooks configuration is not valid and was NOT applied; the last valid settings stay in force. {Failures}", EventName = "ReloadRejected")]
    public static partial void ReloadRejected(ILogger logger, string failures);

    [LoggerMessage(12, LogLevel.Information, "The changed LimeCall:Webhooks configuration was applied", EventName = "Reloaded")]
    public static partial void Reloaded(ILogger logger);

    [LoggerMessage(13, LogLevel.Error, "Endpoint {Endpoint} requires a LimeCall signature but has no request delegate the check can run before; refused with 500", EventName = "SignatureNotEnforced")]
    public static partial void SignatureNotEnforced(ILogger logger, string? endpoint);

    [LoggerMessage(14, LogLevel.Warning, "LimeCall:Webhooks:PathSecret is set and ASP.NET Core's request logging ({Category}) is enabled at Information: every request URL, the secret segment included, is written to the log. Raise that category to Warning, or authenticate with Secrets instead", EventName = "PathSecretLogged")]
    public static partial void PathSecretLogged(ILogger logger, string category);
}
