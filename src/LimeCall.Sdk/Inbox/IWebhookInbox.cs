namespace LimeCall.Sdk.Inbox;

/// <summary>
/// A durable inbox of webhook deliveries: the receiver appends each verified event (deduplicated by its key) and answers
/// once the append is committed; workers in any number of processes lease events, handle them and mark them done.
/// </summary>
/// <remarks>
/// <para>Events that share an ordering key are leased one at a time, in the order they occurred: an event is not leased
/// while an earlier event of its key is pending or waiting to be retried, nor while any event of its key is leased.
/// A dead-lettered event no longer holds its key: the events after it go on (and, if it is requeued and handled later,
/// it is flagged <see cref="LeasedInboxEvent.ArrivedOutOfOrder"/>). Waiting behind a dead letter forever would stop a call's
/// later events for good on one poison message.</para>
/// <para>Implementations make each transition atomic for every caller sharing the inbox, take all time from a
/// <see cref="TimeProvider"/>, and accept a lease's transitions only with its token.</para>
/// </remarks>
public interface IWebhookInbox
{
    /// <summary>Stores a delivery unless its key is already in the inbox; returns once the write is durable.</summary>
    /// <param name="message">The delivery.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see cref="InboxAppendOutcome.Stored"/> or <see cref="InboxAppendOutcome.Duplicate"/>.</returns>
    ValueTask<InboxAppendOutcome> AppendAsync(InboxMessage message, CancellationToken cancellationToken = default);

    /// <summary>Leases up to <paramref name="maxCount"/> events that are due and free to handle.</summary>
    /// <param name="maxCount">The most events to lease.</param>
    /// <param name="lease">How long the lease lasts unless renewed; after it another worker may take the event.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The leased events, possibly none.</returns>
    ValueTask<IReadOnlyList<LeasedInboxEvent>> LeaseAsync(int maxCount, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Extends a lease this caller still holds.</summary>
    /// <param name="leased">The leased event.</param>
    /// <param name="lease">The new lease, counted from now.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the lease was lost (it expired and another worker took the event).</returns>
    ValueTask<bool> RenewAsync(LeasedInboxEvent leased, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Marks a leased event handled.</summary>
    /// <param name="leased">The leased event.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the lease was lost.</returns>
    ValueTask<bool> CompleteAsync(LeasedInboxEvent leased, CancellationToken cancellationToken = default);

    /// <summary>Gives a failed event back to be tried again after <paramref name="delay"/>, keeping the error.</summary>
    /// <param name="leased">The leased event.</param>
    /// <param name="delay">How long to wait before the next attempt.</param>
    /// <param name="lastError">What went wrong (an exception type and message; never the body).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the lease was lost.</returns>
    ValueTask<bool> RetryLaterAsync(LeasedInboxEvent leased, TimeSpan delay, string lastError, CancellationToken cancellationToken = default);

    /// <summary>Moves a leased event to the dead letters, keeping it and its error.</summary>
    /// <param name="leased">The leased event.</param>
    /// <param name="lastError">The last error.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the lease was lost.</returns>
    ValueTask<bool> DeadLetterAsync(LeasedInboxEvent leased, string lastError, CancellationToken cancellationToken = default);

    /// <summary>Gives a lease back untried (a worker shutting down), so another worker takes the event at once.</summary>
    /// <param name="leased">The leased event.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the lease was lost.</returns>
    ValueTask<bool> ReleaseAsync(LeasedInboxEvent leased, CancellationToken cancellationToken = default);

    /// <summary>Lists dead-lettered events, oldest first.</summary>
    /// <param name="maxCount">The most to list.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The dead letters.</returns>
    ValueTask<IReadOnlyList<DeadLetteredEvent>> GetDeadLettersAsync(int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Puts one dead-lettered event back to be handled now, with its attempts counted from zero.</summary>
    /// <param name="id">The event's <see cref="DeadLetteredEvent.Id"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when no dead letter has that id.</returns>
    ValueTask<bool> RequeueAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Puts every dead-lettered event back to be handled now.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were requeued.</returns>
    ValueTask<int> RequeueAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes handled events completed at least <paramref name="olderThan"/> ago. Their keys are then forgotten:
    /// keep them longer than any redelivery (LimeCall retries for about 26.6 hours).</summary>
    /// <param name="olderThan">How long a handled event is kept.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many were deleted.</returns>
    ValueTask<int> PurgeCompletedAsync(TimeSpan olderThan, CancellationToken cancellationToken = default);

    /// <summary>Counts what the inbox holds.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The counts and the age of the oldest unhandled event.</returns>
    ValueTask<InboxStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);
}
