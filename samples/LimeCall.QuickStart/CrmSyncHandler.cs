using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.QuickStart;

/// <summary>Pushes finished calls to a CRM that is unavailable the first time.</summary>
internal sealed class CrmSyncHandler(Journal journal) : ILimeCallWebhookHandler<CallCompletedEvent>
{
    public Task HandleAsync(CallCompletedEvent data, LimeCallWebhookContext context)
    {
        if (journal.CrmIsDown())
        {
            throw new HttpRequestException("CRM unavailable");
        }

        journal.CrmSynced(data);
        return Task.CompletedTask;
    }
}
