namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>message.received</c>: an inbound message was received.</summary>
[LimeCallEventType("message.received", "Message Received")]
public sealed record MessageReceivedEvent : MessageEvent;
