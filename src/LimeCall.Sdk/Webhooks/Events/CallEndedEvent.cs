namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.ended</c> (alias <c>Call Ended</c>): a call finished.</summary>
public sealed record CallEndedEvent : CallEvent
{
    /// <summary>Gets the call's duration in seconds (<c>duration</c>).</summary>
    public int? Duration { get; init; }

    /// <inheritdoc />
    protected override string? CanonicalType => LimeCallEventTypes.CallEnded;
}
