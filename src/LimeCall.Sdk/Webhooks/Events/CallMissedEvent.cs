namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.missed</c> (aliases <c>missed_call</c>, <c>Missed Call</c>): a call went unanswered.</summary>
public sealed record CallMissedEvent : CallEvent
{
    /// <inheritdoc />
    protected override string? CanonicalType => LimeCallEventTypes.CallMissed;
}
