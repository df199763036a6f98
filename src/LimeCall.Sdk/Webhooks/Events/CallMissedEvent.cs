namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.missed</c>: a call went unanswered.</summary>
[LimeCallEventType("call.missed", "missed_call", "Missed Call")]
public sealed record CallMissedEvent : CallEvent;
