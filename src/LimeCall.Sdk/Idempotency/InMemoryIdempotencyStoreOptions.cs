namespace LimeCall.Sdk.Idempotency;

/// <summary>Bounds and housekeeping of an <see cref="InMemoryIdempotencyStore"/>.</summary>
public sealed class InMemoryIdempotencyStoreOptions
{
    /// <summary>Gets or sets how many keys the store holds at most.</summary>
    /// <value>Default 100,000. When full, expired keys go first, then the oldest completed ones; claims in progress are never evicted.</value>
    public int Capacity { get; set; } = 100_000;

    /// <summary>Gets or sets how often expired keys are swept out.</summary>
    /// <value>Default 1 minute. <see cref="Timeout.InfiniteTimeSpan"/> turns sweeping off (expired keys are then removed only when the store is full).</value>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
