namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>contact_list.created</c> (alias <c>Contact List Created</c>): a contact list became non-empty.</summary>
public sealed record ContactListCreatedEvent : ContactListEvent
{
    /// <inheritdoc />
    protected override string? CanonicalType => LimeCallEventTypes.ContactListCreated;
}
