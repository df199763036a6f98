namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.recorded</c> (aliases <c>Call Recording Received</c>, <c>call_recording_received</c>): a recording is ready.</summary>
public sealed record CallRecordedEvent : CallEvent
{
    /// <summary>Gets where the call recording can be fetched (<c>recording_url</c>).</summary>
    public string? RecordingUrl { get; init; }

    /// <summary>Gets the call's duration in seconds (<c>duration</c>).</summary>
    public int? Duration { get; init; }

    /// <inheritdoc />
    protected override string? CanonicalType => LimeCallEventTypes.CallRecorded;
}
