using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Receiver1;

/// <summary>A missed call: somebody tried to reach you. Queue a call back.</summary>
/// <remarks>Resolved from DI for each event: take scoped services (a DbContext) as you need. Throwing answers 500, and
/// LimeCall retries; returning marks the event processed.</remarks>
public sealed class CallMissedHandler(FollowUps followUps) : ILimeCallWebhookHandler<CallMissedEvent>
{
    public Task HandleAsync(CallMissedEvent data, LimeCallWebhookContext context)
    {
        followUps.Add(context.IdempotencyKey, data.CallId);
        return Task.CompletedTask;
    }
}
