namespace LimeCall.Sdk.Testing.Sender;

/// <summary>Per-message choices for <see cref="LimeCallWebhookSender"/>.</summary>
public sealed class WebhookSendOptions
{
    /// <summary>Gets or sets the key under which messages are delivered in order.</summary>
    /// <value>Default: the event's call id, else its message id; <see cref="string.Empty"/> turns ordering off for this message.</value>
    public string? OrderingKey { get; set; }

    /// <summary>Gets or sets faults to inject into the first attempt.</summary>
    /// <value>Default <see cref="WebhookDeliveryFaults.None"/>.</value>
    public WebhookDeliveryFaults Faults { get; set; }

    /// <summary>Gets or sets a secret to sign this message with instead of the sender's (for example a rotated-out one).</summary>
    /// <value>Default <see langword="null"/>: the sender's secret.</value>
    public string? SigningSecret { get; set; }
}
