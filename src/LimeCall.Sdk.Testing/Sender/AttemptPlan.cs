namespace LimeCall.Sdk.Testing.Sender;

/// <summary>What one delivery attempt is: why it is sent, when it was due, and what to do wrong on purpose.</summary>
/// <param name="Trigger">Scheduled, manual or test.</param>
/// <param name="DueAt">When the schedule meant it to go.</param>
/// <param name="Faults">Faults to inject (first attempts only).</param>
/// <param name="SigningSecret">A secret to sign with instead of the sender's; <see langword="null"/> for the sender's.</param>
internal readonly record struct AttemptPlan(WebhookDeliveryTrigger Trigger, DateTimeOffset DueAt, WebhookDeliveryFaults Faults, string? SigningSecret);
