using System.ComponentModel.DataAnnotations;

namespace LimeCall.Sdk.Idempotency;

/// <summary>Bounds and housekeeping of an <see cref="InMemoryIdempotencyStore"/>.</summary>
public sealed class InMemoryIdempotencyStoreOptions : IValidatableObject
{
    /// <summary>Gets or sets how many keys the store holds at most.</summary>
    /// <value>Default 100,000. When full, expired keys go first, then the oldest completed ones; claims in progress are never evicted. At least 1.</value>
    [Range(1, int.MaxValue)]
    public int Capacity { get; set; } = 100_000;

    /// <summary>Gets or sets how often expired keys are swept out.</summary>
    /// <value>Default 1 minute. <see cref="Timeout.InfiniteTimeSpan"/> turns sweeping off (expired keys are then removed only when the store is full).</value>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Checks that <see cref="SweepInterval"/> is positive or infinite.</summary>
    /// <param name="validationContext">The context (unused).</param>
    /// <returns>What is wrong; nothing when the options are valid.</returns>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SweepInterval <= TimeSpan.Zero && SweepInterval != Timeout.InfiniteTimeSpan)
        {
            yield return new ValidationResult("SweepInterval must be positive, or Timeout.InfiniteTimeSpan to turn sweeping off.", [nameof(SweepInterval)]);
        }
    }
}
