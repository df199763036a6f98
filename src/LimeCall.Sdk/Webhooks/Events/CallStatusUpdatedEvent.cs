namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.status_updated</c> (aliases <c>call_status_update</c>, <c>Call Status Update</c>): a call changed status; see <see cref="CallEvent.Status"/>.</summary>
public sealed record CallStatusUpdatedEvent : CallEvent
{
    /// <inheritdoc />
    protected override string? CanonicalType => LimeCallEventTypes.CallStatusUpdated;
}
