namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>contact_list.modified</c> (alias <c>Contact List Modified</c>): a contact list was updated.</summary>
public sealed record ContactListModifiedEvent : ContactListEvent
{
    /// <inheritdoc />
    protected override string? CanonicalType => LimeCallEventTypes.ContactListModified;
}
