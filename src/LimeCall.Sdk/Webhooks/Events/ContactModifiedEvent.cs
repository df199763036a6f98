namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>contact.modified</c> (alias <c>Contact Modified</c>): a contact was updated.</summary>
public sealed record ContactModifiedEvent : ContactEvent
{
    /// <inheritdoc />
    protected override string? CanonicalType => LimeCallEventTypes.ContactModified;
}
