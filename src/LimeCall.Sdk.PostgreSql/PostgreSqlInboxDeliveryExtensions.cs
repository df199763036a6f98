using LimeCall.Sdk.Inbox;
using Npgsql;

namespace LimeCall.Sdk.PostgreSql;

/// <summary>Exactly-once database side effects for handlers run from the PostgreSQL inbox.</summary>
public static class PostgreSqlInboxDeliveryExtensions
{
    /// <summary>
    /// Marks the event handled inside the handler's own transaction, on the inbox's database: commit the transaction and
    /// the handler's writes and the event are done together, exactly once, whatever instant the process dies at. Call it
    /// last, just before committing. When it returns <see langword="false"/> the lease was lost (another worker holds the
    /// event now): roll back. Side effects outside this database stay at-least-once: key them by the event.
    /// </summary>
    /// <param name="delivery">The handler context's <c>Inbox</c>.</param>
    /// <param name="transaction">The handler's open transaction.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the lease was lost.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The inbox is not PostgreSQL, or more than one handler runs for this event.</exception>
    public static async ValueTask<bool> CompleteInTransactionAsync(this InboxDelivery delivery, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(transaction);
        var inbox = delivery.Inbox as PostgreSqlWebhookInbox
            ?? throw new InvalidOperationException("The event came from an inbox that is not PostgreSqlWebhookInbox: it cannot join a PostgreSQL transaction.");
        delivery.ThrowIfHandlerMayNotComplete();
        var completed = await inbox.CompleteAsync(delivery.Event, transaction, cancellationToken).ConfigureAwait(false);
        if (completed)
        {
            delivery.MarkCompletedByHandler();
        }

        return completed;
    }
}
