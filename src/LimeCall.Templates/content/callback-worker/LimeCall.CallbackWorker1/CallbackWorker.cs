using LimeCall.Sdk.Client;

namespace LimeCall.CallbackWorker1;

/// <summary>Asks LimeCall for each queued callback, handling the client's errors as a service should.</summary>
public sealed partial class CallbackWorker(CallbackQueue queue, LimeCallClient limeCall, ILogger<CallbackWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var request in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var callback = await limeCall.CreateCallbackAsync(request, stoppingToken);
                Scheduled(logger, callback.Id, callback.Status);
            }
            catch (LimeCallValidationException e)
            {
                // Refused before sending (or by LimeCall, 422): retrying cannot help; tell a human.
                Rejected(logger, e.ParameterName, e.Message);
            }
            catch (LimeCallOutcomeUnknownException e)
            {
                // It may have reached LimeCall: resend only with this key (LimeCall deduplicates it), or reconcile.
                Unknown(logger, e.IdempotencyKey);
            }
            catch (LimeCallApiException e)
            {
                Failed(logger, e.StatusCode, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback {CallbackId} {Status}")]
    private static partial void Scheduled(ILogger logger, string? callbackId, string? status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback refused: {Parameter}: {Reason}")]
    private static partial void Rejected(ILogger logger, string? parameter, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Callback outcome unknown; reconcile with idempotency key {IdempotencyKey}")]
    private static partial void Unknown(ILogger logger, string? idempotencyKey);

    [LoggerMessage(Level = LogLevel.Error, Message = "Callback failed with status {StatusCode}: {Reason}")]
    private static partial void Failed(ILogger logger, int? statusCode, string reason);
}
