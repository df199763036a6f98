namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>message.received</c> (alias <c>Message Received</c>): an inbound message was received.</summary>
public sealed record MessageReceivedEvent : MessageEvent
{
    /// <inheritdoc />
    protected override string? CanonicalType => LimeCallEventTypes.MessageReceived;
}
