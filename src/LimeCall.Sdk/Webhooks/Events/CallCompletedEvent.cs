namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.completed</c> (aliases <c>call_completed</c>, <c>Call Completed</c>): a call ended.</summary>
public sealed record CallCompletedEvent : CallEvent
{
    /// <summary>Gets the call's duration in seconds (<c>duration</c>).</summary>
    public int? Duration { get; init; }

    /// <summary>Gets the call's outcome (<c>outcome</c>).</summary>
    public string? Outcome { get; init; }

    /// <summary>Gets where the call recording can be fetched (<c>recording_url</c>).</summary>
    public string? RecordingUrl { get; init; }

    /// <inheritdoc />
    protected override string? CanonicalType => LimeCallEventTypes.CallCompleted;
}
