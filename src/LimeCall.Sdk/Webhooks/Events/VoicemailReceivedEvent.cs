namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>voicemail.received</c> (aliases <c>voicemail_received</c>, <c>Voicemail Received</c>): a caller left a voicemail.</summary>
public sealed record VoicemailReceivedEvent : CallEvent
{
    /// <summary>Gets where the voicemail can be fetched (<c>voicemail_url</c>).</summary>
    public string? VoicemailUrl { get; init; }

    /// <summary>Gets the call's duration in seconds (<c>duration</c>).</summary>
    public int? Duration { get; init; }

    /// <inheritdoc />
    protected override string? CanonicalType => LimeCallEventTypes.VoicemailReceived;
}
