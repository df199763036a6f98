namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.completed</c>: a call ended.</summary>
[LimeCallEventType("call.completed", "call_completed", "Call Completed")]
public sealed record CallCompletedEvent : CallEvent
{
    /// <summary>Gets the call's duration in seconds (<c>duration</c>).</summary>
    public int? Duration { get; init; }

    /// <summary>Gets the call's outcome (<c>outcome</c>).</summary>
    public string? Outcome { get; init; }

    /// <summary>Gets where the call recording can be fetched (<c>recording_url</c>).</summary>
    public string? RecordingUrl { get; init; }
}
