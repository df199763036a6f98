namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.started</c>: a call began between a rep and a lead.</summary>
public sealed record CallStartedEvent : CallEvent
{
    /// <inheritdoc />
    protected override string? CanonicalType => LimeCallEventTypes.CallStarted;
}
