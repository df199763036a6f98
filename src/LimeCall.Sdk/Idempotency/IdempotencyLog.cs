using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.Idempotency;

/// <summary>The idempotent processor's log messages. Keys come from payloads: callers pass them escaped (<see cref="LogValues.Escape"/>).</summary>
internal static partial class IdempotencyLog
{
    [LoggerMessage(101, LogLevel.Warning, "Idempotency lease of key {Key} was lost to another worker while the work ran; the work may run twice. Raise LeaseDuration, or check the store's latency", EventName = "LeaseLost")]
    public static partial void LeaseLost(ILogger logger, string key);

    [LoggerMessage(102, LogLevel.Warning, "Renewing the idempotency lease of key {Key} failed; the next renewal tries again", EventName = "RenewalFailed")]
    public static partial void RenewalFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(103, LogLevel.Warning, "Releasing the idempotency claim of key {Key} failed; its lease expires on its own", EventName = "ReleaseFailed")]
    public static partial void ReleaseFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(104, LogLevel.Warning, "The work for idempotency key {Key} finished, but its claim had been taken over; the completion was not recorded", EventName = "CompletionLost")]
    public static partial void CompletionLost(ILogger logger, string key);
}
