namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.overflowed_to_voicemail</c>: the call was routed to voicemail.</summary>
[LimeCallEventType("call.overflowed_to_voicemail", "Call Overflowed To Voicemail")]
public sealed record CallOverflowedToVoicemailEvent : CallEvent
{
    /// <summary>Gets where the voicemail can be fetched (<c>voicemail_url</c>).</summary>
    public string? VoicemailUrl { get; init; }
}
