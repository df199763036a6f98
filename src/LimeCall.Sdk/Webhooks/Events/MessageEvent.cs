namespace LimeCall.Sdk.Webhooks.Events;

/// <summary>An event about one SMS or message.</summary>
public abstract record MessageEvent : LimeCallEventData
{
    /// <summary>Only the SDK defines event records.</summary>
    private protected MessageEvent()
    {
    }

    /// <summary>Gets the message's id (<c>message_id</c>).</summary>
    public string? MessageId { get; init; }

    /// <summary>Gets the sending number (<c>sender_number</c>).</summary>
    public string? SenderNumber { get; init; }

    /// <summary>Gets the receiving number (<c>receiver_number</c>).</summary>
    public string? ReceiverNumber { get; init; }

    /// <summary>Gets the message text (<c>message_content</c>).</summary>
    public string? MessageContent { get; init; }

    /// <summary>Gets the team the event belongs to (<c>team_id</c>).</summary>
    public string? TeamId { get; init; }
}
