namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.abandoned</c>: the caller hung up before being answered.</summary>
[LimeCallEventType("call.abandoned", "Call Abandoned")]
public sealed record CallAbandonedEvent : CallEvent;
