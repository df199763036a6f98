namespace LimeCall.Sdk.Testing.Sender;

/// <summary>One attempt to deliver a message, as the delivery log records it.</summary>
/// <param name="Number">1 for the first attempt, then 2, 3, ... across retries and redeliveries.</param>
/// <param name="Trigger">What started it.</param>
/// <param name="ScheduledAt">When it was due.</param>
/// <param name="SentAt">When it was sent.</param>
/// <param name="Duration">How long it took, on the sender's clock.</param>
/// <param name="StatusCode">The HTTP status, or <see langword="null"/> when there was no answer.</param>
/// <param name="Error">The transport error or <c>timeout</c> when there was no answer.</param>
/// <param name="ResponseBody">The start of the answer's body, truncated.</param>
/// <param name="Faults">Faults injected into this attempt.</param>
public sealed record WebhookDeliveryAttempt(
    int Number,
    WebhookDeliveryTrigger Trigger,
    DateTimeOffset ScheduledAt,
    DateTimeOffset SentAt,
    TimeSpan Duration,
    int? StatusCode,
    string? Error,
    string? ResponseBody,
    WebhookFaults Faults)
{
    /// <summary>Gets whether the attempt got a 2xx answer.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
