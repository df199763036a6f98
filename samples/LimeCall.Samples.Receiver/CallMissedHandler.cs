using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Samples.Receiver;

/// <summary>A missed call: somebody tried to reach you; queue a call back.</summary>
/// <remarks>Handlers are resolved per request from DI, so they can take scoped services (a DbContext).</remarks>
public sealed class CallMissedHandler(FollowUps queue) : ILimeCallWebhookHandler<CallMissedEvent>
{
    /// <inheritdoc />
    public Task HandleAsync(CallMissedEvent data, LimeCallWebhookContext context)
    {
        queue.Add(new(context.IdempotencyKey, "missed-call", data.CallerNumber ?? data.CustomerNumber));
        return Task.CompletedTask;
    }
}
