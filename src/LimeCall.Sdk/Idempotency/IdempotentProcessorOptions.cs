using System.ComponentModel.DataAnnotations;

namespace LimeCall.Sdk.Idempotency;

/// <summary>How <see cref="IdempotentProcessor"/> claims and keeps keys.</summary>
public sealed class IdempotentProcessorOptions : IValidatableObject
{
    /// <summary>The default of <see cref="LeaseDuration"/>: 15 seconds.</summary>
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromSeconds(15);

    /// <summary>The default of <see cref="Retention"/>: 7 days.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(7);

    /// <summary>Gets or sets the namespace keys are claimed in, so apps and sources sharing a store stay apart.</summary>
    /// <value>Default <c>limecall</c>.</value>
    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string Namespace { get; set; } = "limecall";

    /// <summary>
    /// Gets or sets how long a claim lasts if its worker crashes before completing or releasing it; after
    /// that another worker may take the key over. While the work runs, <see cref="IdempotentProcessor"/> renews
    /// the lease every third to half of it, so it bounds how long a crashed instance holds a key, not how long a handler
    /// may run.
    /// </summary>
    /// <value>Default 15 seconds: a crashed instance's events move on within seconds. At least 3 seconds.</value>
    public TimeSpan LeaseDuration { get; set; } = DefaultLeaseDuration;

    /// <summary>
    /// Gets or sets how long a completed key is remembered. It must outlast every redelivery: LimeCall's
    /// longest schedule retries for 1 min + 5 min + 30 min + 2 h + 24 h (about 26.6 h), and a failed message
    /// can be redelivered by hand from the dashboard later still.
    /// </summary>
    /// <value>Default 7 days: the 26.6-hour schedule plus room for manual redelivery.</value>
    public TimeSpan Retention { get; set; } = DefaultRetention;

    /// <summary>Checks the rules that span members: a lease of at least 3 seconds, and a retention longer than the lease.</summary>
    /// <param name="validationContext">The context (unused).</param>
    /// <returns>What is wrong; nothing when the options are valid.</returns>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LeaseDuration < TimeSpan.FromSeconds(3))
        {
            yield return new ValidationResult("LeaseDuration must be at least 3 seconds.", [nameof(LeaseDuration)]);
        }

        if (Retention <= LeaseDuration)
        {
            yield return new ValidationResult("Retention must be longer than LeaseDuration.", [nameof(Retention)]);
        }
    }
}
