namespace LimeCall.Sdk.Samples.Receiver;

/// <summary>One piece of work a webhook produced: call this number back.</summary>
/// <param name="EventId">The event's idempotency key (its id).</param>
/// <param name="Reason">Why the follow-up exists.</param>
/// <param name="PhoneNumber">Whom to call: personal data, kept for the work and never listed or logged.</param>
public sealed record FollowUp(string EventId, string Reason, string? PhoneNumber);
