namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>contact.modified</c>: a contact was updated.</summary>
[LimeCallEventType("contact.modified", "Contact Modified")]
public sealed record ContactModifiedEvent : ContactEvent;
