namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>contact_list.created</c>: a contact list became non-empty.</summary>
[LimeCallEventType("contact_list.created", "Contact List Created")]
public sealed record ContactListCreatedEvent : ContactListEvent;
