using System.ComponentModel.DataAnnotations;
using LimeCall.Sdk.Testing.Sender;

namespace LimeCall.Sdk.Testing.Emulator;

/// <summary>How a <see cref="LimeCallApiEmulator"/> authenticates, schedules calls and delivers webhooks.</summary>
public sealed class LimeCallApiEmulatorOptions : IValidatableObject
{
    /// <summary>Gets or sets the API token clients must send as <c>Authorization: Bearer {token}</c>.</summary>
    /// <value>Default <c>test_api_token</c>.</value>
    [Required]
    public string ApiToken { get; set; } = "test_api_token";

    /// <summary>Gets or sets the port the emulator listens on, on 127.0.0.1 only.</summary>
    /// <value>Default 0: a free port the operating system picks (read it back from <see cref="LimeCallApiEmulator.BaseAddress"/>).</value>
    [Range(0, 65535)]
    public int Port { get; set; }

    /// <summary>Gets or sets the secret lifecycle webhooks are signed with.</summary>
    /// <value>Default <c>whsec_emulator</c>.</value>
    public string? WebhookSecret { get; set; } = "whsec_emulator";

    /// <summary>Gets or sets the retry schedule of lifecycle webhooks.</summary>
    /// <value>Default <see cref="WebhookRetrySchedule.LimeCallWebhooks"/>.</value>
    [Required]
    public WebhookRetrySchedule WebhookSchedule { get; set; } = WebhookRetrySchedule.LimeCallWebhooks;

    /// <summary>Gets or sets business hours; callbacks due outside them wait for the next window.</summary>
    /// <value>Default <see langword="null"/>: always open.</value>
    public BusinessHours? BusinessHours { get; set; }

    /// <summary>Gets or sets how long after dialling the call connects or is missed.</summary>
    /// <value>Default 10 seconds.</value>
    public TimeSpan RingTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how long a connected call lasts.</summary>
    /// <value>Default 3 minutes.</value>
    public TimeSpan CallDuration { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Gets or sets how each call ends.</summary>
    /// <value>Default: every call is completed.</value>
    [Required]
    public Func<EmulatedCallback, EmulatedCallOutcome> Outcome { get; set; } = _ => EmulatedCallOutcome.Completed;

    /// <summary>Checks that <see cref="RingTime"/> and <see cref="CallDuration"/> are not negative.</summary>
    /// <param name="validationContext">The context (unused).</param>
    /// <returns>What is wrong; nothing when the options are valid.</returns>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RingTime < TimeSpan.Zero || CallDuration < TimeSpan.Zero)
        {
            yield return new ValidationResult("RingTime and CallDuration must not be negative.", [nameof(RingTime)]);
        }
    }
}
