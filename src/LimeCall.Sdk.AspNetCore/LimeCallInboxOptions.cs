using System.ComponentModel.DataAnnotations;

namespace LimeCall.Sdk.AspNetCore;

/// <summary>How the receiver's durable inbox holds events for ordering, and how its background processor runs handlers.</summary>
public sealed class LimeCallInboxOptions : IValidatableObject
{
    /// <summary>Gets or sets how many events this instance handles at once (never two of one call).</summary>
    /// <value>Default 4. 1 to 256.</value>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 4;

    /// <summary>Gets or sets the most events leased in one statement.</summary>
    /// <value>Default 16. 1 to 1000.</value>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 16;

    /// <summary>
    /// Gets or sets how long a lease lasts unless renewed. The processor renews every third of it while a handler runs, so
    /// it bounds how long a crashed instance holds an event, not how long a handler may run.
    /// </summary>
    /// <value>Default 30 seconds; at least 3 seconds.</value>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how often an idle processor looks for due events when no append signal woke it.</summary>
    /// <value>Default 5 seconds; positive. With PostgreSQL, appends wake idle processors at once (<c>LISTEN</c>/<c>NOTIFY</c>).</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how many attempts an event gets before it is dead-lettered.</summary>
    /// <value>Default 8. 1 to 100.</value>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Gets or sets the wait after a first failure; each further failure doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    /// <value>Default 5 seconds; not negative.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the longest wait between attempts.</summary>
    /// <value>Default 15 minutes; at least <see cref="RetryBaseDelay"/>.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Gets or sets how long an event of a call is held before it may be handled, so that an earlier event of the same call
    /// still in flight (sent at the same moment, or retried a moment later) can arrive and go first.
    /// </summary>
    /// <value>Default 2 seconds; 0 to 5 minutes. Events without an ordering key are never held.</value>
    public TimeSpan HoldWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the age of the oldest unhandled event past which the inbox health check reports Degraded.</summary>
    /// <value>Default 5 minutes; positive.</value>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Checks the rules on durations.</summary>
    /// <param name="validationContext">The context (unused).</param>
    /// <returns>What is wrong; nothing when the options are valid.</returns>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LeaseDuration < TimeSpan.FromSeconds(3))
        {
            yield return new ValidationResult("LeaseDuration must be at least 3 seconds.", [nameof(LeaseDuration)]);
        }

        if (PollInterval <= TimeSpan.Zero || DegradedAfter <= TimeSpan.Zero)
        {
            yield return new ValidationResult("PollInterval and DegradedAfter must be positive.", [nameof(PollInterval)]);
        }

        if (RetryBaseDelay < TimeSpan.Zero || MaxRetryDelay < RetryBaseDelay)
        {
            yield return new ValidationResult("RetryBaseDelay must not be negative, and MaxRetryDelay not shorter than it.", [nameof(RetryBaseDelay)]);
        }

        if (HoldWindow < TimeSpan.Zero || HoldWindow > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult("HoldWindow must be 0 to 5 minutes.", [nameof(HoldWindow)]);
        }
    }

    /// <summary>The wait before attempt <paramref name="failedAttempt"/> + 1: the base delay doubled per failure, capped.</summary>
    internal TimeSpan RetryDelay(int failedAttempt)
    {
        var factor = Math.Pow(2, Math.Clamp(failedAttempt - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(RetryBaseDelay.Ticks * factor, MaxRetryDelay.Ticks));
    }
}
