using System.ComponentModel.DataAnnotations;

namespace LimeCall.Sdk.Testing.Sender;

/// <summary>How a <see cref="LimeCallWebhookSender"/> signs, authenticates, times and retries deliveries.</summary>
public sealed class LimeCallWebhookSenderOptions : IValidatableObject
{
    /// <summary>Gets or sets the shared secret that signs every body into <c>X-LimeCall-Signature</c>.</summary>
    /// <value>Default <see langword="null"/>: requests are unsigned, as the call-center platform's are.</value>
    public string? Secret { get; set; }

    /// <summary>Gets or sets the token sent as <c>Authorization: Bearer {token}</c>.</summary>
    /// <value>Default <see langword="null"/>: no <c>Authorization</c> header.</value>
    public string? BearerToken { get; set; }

    /// <summary>Gets or sets the retry schedule.</summary>
    /// <value>Default <see cref="WebhookRetrySchedule.LimeCallWebhooks"/>.</value>
    [Required]
    public WebhookRetrySchedule Schedule { get; set; } = WebhookRetrySchedule.LimeCallWebhooks;

    /// <summary>Gets or sets how long one attempt may take before it counts as no answer, on the sender's <see cref="TimeProvider"/>.</summary>
    /// <value>Default 30 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the jitter applied to each retry delay, as a fraction: 0.1 spreads a delay over ±10%.</summary>
    /// <value>Default 0: delays are exact. Allowed 0 to 1.</value>
    [Range(0.0, 1.0)]
    public double Jitter { get; set; }

    /// <summary>Gets or sets the seed of the jitter, so a jittered schedule is repeatable.</summary>
    /// <value>Default 0.</value>
    public int JitterSeed { get; set; }

    /// <summary>Gets or sets how many characters of each answer's body the log keeps.</summary>
    /// <value>Default 1024. Not negative.</value>
    [Range(0, int.MaxValue)]
    public int MaxLoggedResponseChars { get; set; } = 1024;

    /// <summary>Checks that <see cref="AttemptTimeout"/> is positive.</summary>
    /// <param name="validationContext">The context (unused).</param>
    /// <returns>What is wrong; nothing when the options are valid.</returns>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AttemptTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult("AttemptTimeout must be positive.", [nameof(AttemptTimeout)]);
        }
    }
}
