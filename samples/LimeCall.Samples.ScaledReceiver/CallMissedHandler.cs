using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.PostgreSql;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LimeCall.Sdk.Samples.ScaledReceiver;

/// <summary>Queues a call back for a missed call, in the shared database, exactly once.</summary>
public sealed class CallMissedHandler(NpgsqlDataSource database, IOptions<SampleOptions> options, TimeProvider time) : ILimeCallWebhookHandler<CallMissedEvent>
{
    /// <inheritdoc />
    public async Task HandleAsync(CallMissedEvent data, LimeCallWebhookContext context)
    {
        // Stands in for a slow call to a CRM: LimeCall's deliveries are acknowledged meanwhile (202), not held open.
        await Task.Delay(options.Value.HandlerWork, time, context.CancellationToken);
        if (context.Inbox!.Attempt == 1 && Bucket(context.IdempotencyKey) < options.Value.FailFirstAttemptPercent)
        {
            throw new InvalidOperationException("The CRM did not answer (injected); the inbox retries this event.");
        }

        // The follow-up and "event done" commit together: if this process dies before the commit, neither happened and
        // another instance runs the event again; after it, both did. No duplicate row either way.
        await using var connection = await database.OpenConnectionAsync(context.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(context.CancellationToken);
        await FollowUpTable.AddAsync(transaction, context, data, options.Value.InstanceName);
        if (await context.Inbox!.CompleteInTransactionAsync(transaction, context.CancellationToken))
        {
            await transaction.CommitAsync(context.CancellationToken);
        }
    }

    /// <summary>A stable 0-99 bucket per event, so the same events fail on every run.</summary>
    private static int Bucket(string key)
    {
        var hash = 17;
        foreach (var c in key)
        {
            hash = unchecked((hash * 31) + c);
        }

        return (int)((uint)hash % 100);
    }
}
