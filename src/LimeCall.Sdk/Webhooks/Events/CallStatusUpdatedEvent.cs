namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.status_updated</c>: a call changed status; see <see cref="CallEvent.Status"/>.</summary>
[LimeCallEventType("call.status_updated", "call_status_update", "Call Status Update")]
public sealed record CallStatusUpdatedEvent : CallEvent;
