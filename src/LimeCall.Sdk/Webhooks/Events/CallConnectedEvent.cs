namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.connected</c>: a callback connected the customer and the team.</summary>
public sealed record CallConnectedEvent : CallEvent
{
    /// <inheritdoc />
    protected override string? CanonicalType => LimeCallEventTypes.CallConnected;
}
