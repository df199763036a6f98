using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.QuickStart;

/// <summary>Runs for every call event, in the order LimeCall sends them.</summary>
internal sealed class CallTimelineHandler(Journal journal) : ILimeCallWebhookHandler<CallEvent>
{
    public Task HandleAsync(CallEvent data, LimeCallWebhookContext context)
    {
        journal.Record(context.Event, data);
        return Task.CompletedTask;
    }
}
