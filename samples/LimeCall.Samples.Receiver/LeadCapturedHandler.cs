using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Samples.Receiver;

/// <summary>A lead left a number on a widget or form: queue a first call.</summary>
public sealed class LeadCapturedHandler(FollowUps queue) : ILimeCallWebhookHandler<LeadCapturedEvent>
{
    /// <inheritdoc />
    public Task HandleAsync(LeadCapturedEvent data, LimeCallWebhookContext context)
    {
        queue.Add(new(context.IdempotencyKey, "new-lead", data.Phone));
        return Task.CompletedTask;
    }
}
