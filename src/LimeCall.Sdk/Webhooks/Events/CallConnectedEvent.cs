namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.connected</c>: a callback connected the customer and the team.</summary>
[LimeCallEventType("call.connected")]
public sealed record CallConnectedEvent : CallEvent;
