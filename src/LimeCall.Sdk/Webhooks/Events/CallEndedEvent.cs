namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.ended</c>: a call finished.</summary>
[LimeCallEventType("call.ended", "Call Ended")]
public sealed record CallEndedEvent : CallEvent
{
    /// <summary>Gets the call's duration in seconds (<c>duration</c>).</summary>
    public int? Duration { get; init; }
}
