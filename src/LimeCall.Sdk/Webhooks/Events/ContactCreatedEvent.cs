namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>contact.created</c> (alias <c>Contact Created</c>): a contact was created.</summary>
public sealed record ContactCreatedEvent : ContactEvent
{
    /// <inheritdoc />
    protected override string? CanonicalType => LimeCallEventTypes.ContactCreated;
}
