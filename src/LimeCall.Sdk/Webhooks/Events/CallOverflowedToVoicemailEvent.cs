namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.overflowed_to_voicemail</c> (alias <c>Call Overflowed To Voicemail</c>): the call was routed to voicemail.</summary>
public sealed record CallOverflowedToVoicemailEvent : CallEvent
{
    /// <summary>Gets where the voicemail can be fetched (<c>voicemail_url</c>).</summary>
    public string? VoicemailUrl { get; init; }

    /// <inheritdoc />
    protected override string? CanonicalType => LimeCallEventTypes.CallOverflowedToVoicemail;
}
