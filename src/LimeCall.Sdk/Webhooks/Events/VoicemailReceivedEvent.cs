namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>voicemail.received</c>: a caller left a voicemail.</summary>
[LimeCallEventType("voicemail.received", "voicemail_received", "Voicemail Received")]
public sealed record VoicemailReceivedEvent : CallEvent
{
    /// <summary>Gets where the voicemail can be fetched (<c>voicemail_url</c>).</summary>
    public string? VoicemailUrl { get; init; }

    /// <summary>Gets the call's duration in seconds (<c>duration</c>).</summary>
    public int? Duration { get; init; }
}
