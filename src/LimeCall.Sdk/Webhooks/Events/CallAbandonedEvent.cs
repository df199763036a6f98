namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.abandoned</c> (alias <c>Call Abandoned</c>): the caller hung up before being answered.</summary>
public sealed record CallAbandonedEvent : CallEvent
{
    /// <inheritdoc />
    protected override string? CanonicalType => LimeCallEventTypes.CallAbandoned;
}
