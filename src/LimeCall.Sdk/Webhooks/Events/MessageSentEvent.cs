namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>message.sent</c> (alias <c>Message Sent</c>): an outbound message was sent.</summary>
public sealed record MessageSentEvent : MessageEvent
{
    /// <inheritdoc />
    protected override string? CanonicalType => LimeCallEventTypes.MessageSent;
}
