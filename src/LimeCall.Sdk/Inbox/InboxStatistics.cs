namespace LimeCall.Sdk.Inbox;

/// <summary>How much the inbox holds, for metrics and the health check.</summary>
public sealed class InboxStatistics
{
    /// <summary>Gets how many events wait to be handled (new, or waiting to be retried).</summary>
    public required long Pending { get; init; }

    /// <summary>Gets how many events a worker is handling now.</summary>
    public required long Leased { get; init; }

    /// <summary>Gets how many events are dead-lettered.</summary>
    public required long DeadLettered { get; init; }

    /// <summary>Gets when the oldest event not yet handled (pending or leased) arrived; <see langword="null"/> when there is none.</summary>
    public DateTimeOffset? OldestUnhandledReceivedAt { get; init; }
}
