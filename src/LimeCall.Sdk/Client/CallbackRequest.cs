namespace LimeCall.Sdk.Client;

/// <summary>A callback to trigger through <c>POST /v1/callbacks</c>: call the customer and connect the team.</summary>
public sealed class CallbackRequest
{
    /// <summary>Gets or sets the customer's phone number; normalised to E.164 (<c>+14155550123</c>) or rejected.</summary>
    public required string CustomerNumber { get; set; }

    /// <summary>Gets or sets the team's phone number; normalised to E.164 or rejected.</summary>
    public required string TeamNumber { get; set; }

    /// <summary>Gets or sets when to call, always sent with its offset; must be in the future. Outside business hours LimeCall holds it for the next window.</summary>
    /// <value>Default <see langword="null"/>: now.</value>
    public DateTimeOffset? ScheduledAt { get; set; }

    /// <summary>Gets or sets the idempotency key; the same key never creates a second callback.</summary>
    /// <value>Default <see langword="null"/>: a new key per call, kept across its retries.</value>
    public string? IdempotencyKey { get; set; }
}
