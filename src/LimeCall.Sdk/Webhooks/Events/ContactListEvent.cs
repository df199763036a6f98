namespace LimeCall.Sdk.Webhooks.Events;

/// <summary>An event about one contact list (call-center platform).</summary>
public abstract record ContactListEvent : LimeCallEventData
{
    /// <summary>Only the SDK defines event records.</summary>
    private protected ContactListEvent()
    {
    }

    /// <summary>Gets the contact list's id (<c>list_id</c>).</summary>
    public string? ListId { get; init; }

    /// <summary>Gets the name (<c>name</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Gets how many contacts the list holds (<c>contact_count</c>).</summary>
    public int? ContactCount { get; init; }
}
