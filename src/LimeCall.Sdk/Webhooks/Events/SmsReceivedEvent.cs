namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>sms.received</c>: an SMS was received.</summary>
[LimeCallEventType("sms.received", "sms_received", "SMS Received")]
public sealed record SmsReceivedEvent : MessageEvent;
