namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>contact_list.modified</c>: a contact list was updated.</summary>
[LimeCallEventType("contact_list.modified", "Contact List Modified")]
public sealed record ContactListModifiedEvent : ContactListEvent;
