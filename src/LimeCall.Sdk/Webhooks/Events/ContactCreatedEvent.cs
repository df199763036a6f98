namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>contact.created</c>: a contact was created.</summary>
[LimeCallEventType("contact.created", "Contact Created")]
public sealed record ContactCreatedEvent : ContactEvent;
