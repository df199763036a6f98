namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>sms.received</c> (aliases <c>sms_received</c>, <c>SMS Received</c>): an SMS was received.</summary>
public sealed record SmsReceivedEvent : MessageEvent
{
    /// <inheritdoc />
    protected override string? CanonicalType => LimeCallEventTypes.SmsReceived;
}
