namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>message.sent</c>: an outbound message was sent.</summary>
[LimeCallEventType("message.sent", "Message Sent")]
public sealed record MessageSentEvent : MessageEvent;
