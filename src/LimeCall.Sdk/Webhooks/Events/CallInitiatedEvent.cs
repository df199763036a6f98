namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.initiated</c>: a callback requested through <c>POST /v1/callbacks</c> started dialling.</summary>
[LimeCallEventType("call.initiated")]
public sealed record CallInitiatedEvent : CallEvent
{
    /// <summary>Gets when the callback was scheduled for (<c>scheduled_at</c>).</summary>
    public DateTimeOffset? ScheduledAt { get; init; }
}
