namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.recorded</c>: a recording is ready.</summary>
[LimeCallEventType("call.recorded", "Call Recording Received", "call_recording_received")]
public sealed record CallRecordedEvent : CallEvent
{
    /// <summary>Gets where the call recording can be fetched (<c>recording_url</c>).</summary>
    public string? RecordingUrl { get; init; }

    /// <summary>Gets the call's duration in seconds (<c>duration</c>).</summary>
    public int? Duration { get; init; }
}
