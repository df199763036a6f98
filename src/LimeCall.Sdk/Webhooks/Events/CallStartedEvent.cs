namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.started</c>: a call began between a rep and a lead.</summary>
[LimeCallEventType("call.started")]
public sealed record CallStartedEvent : CallEvent;
