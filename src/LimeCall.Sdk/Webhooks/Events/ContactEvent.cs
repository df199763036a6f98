namespace LimeCall.Sdk.Webhooks.Events;

/// <summary>An event about one contact (call-center platform).</summary>
public abstract record ContactEvent : LimeCallEventData
{
    /// <summary>Only the SDK defines event records.</summary>
    private protected ContactEvent()
    {
    }

    /// <summary>Gets the contact's id (<c>contact_id</c>).</summary>
    public string? ContactId { get; init; }

    /// <summary>Gets the name (<c>name</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Gets the email address (<c>email</c>).</summary>
    public string? Email { get; init; }

    /// <summary>Gets the phone number (<c>phone</c>).</summary>
    public string? Phone { get; init; }
}
