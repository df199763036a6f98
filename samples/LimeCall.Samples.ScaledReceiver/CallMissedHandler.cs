using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.Samples.ScaledReceiver;

/// <summary>Queues a call back for a missed call, in the shared database.</summary>
public sealed class CallMissedHandler(FollowUpTable table, IOptions<SampleOptions> options, TimeProvider time) : ILimeCallWebhookHandler<CallMissedEvent>
{
    /// <inheritdoc />
    public async Task HandleAsync(CallMissedEvent data, LimeCallWebhookContext context)
    {
        // Stands in for a slow call to a CRM, so that a delivery to the other instance arrives mid-processing
        // and is answered 503 + Retry-After (LimeCall retries) rather than processed twice.
        await Task.Delay(options.Value.HandlerWork, time, context.CancellationToken);
        await table.AddAsync(context.IdempotencyKey, options.Value.InstanceName, data.CallerNumber, context.CancellationToken);
    }
}
