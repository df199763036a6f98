using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace LimeCall.Sdk.Webhooks.Events;

/// <summary>
/// The canonical LimeCall event type names, and the aliases the product documents use for the same
/// events (<c>missed_call</c>, <c>Call Completed</c>, ...). Matching is case-insensitive.
/// </summary>
public static class LimeCallEventTypes
{
    /// <summary><c>call.started</c>: a call began between a rep and a lead.</summary>
    public const string CallStarted = "call.started";

    /// <summary><c>call.initiated</c>: a callback requested through the API started dialling.</summary>
    public const string CallInitiated = "call.initiated";

    /// <summary><c>call.connected</c>: a callback connected the customer and the team.</summary>
    public const string CallConnected = "call.connected";

    /// <summary><c>call.completed</c>: a call ended; includes duration and outcome.</summary>
    public const string CallCompleted = "call.completed";

    /// <summary><c>call.missed</c>: a call went unanswered.</summary>
    public const string CallMissed = "call.missed";

    /// <summary><c>call.recorded</c>: a call recording is ready.</summary>
    public const string CallRecorded = "call.recorded";

    /// <summary><c>call.status_updated</c>: a call changed status (ringing, answered, failed, ...).</summary>
    public const string CallStatusUpdated = "call.status_updated";

    /// <summary><c>call.ended</c>: a call finished (call-center platform).</summary>
    public const string CallEnded = "call.ended";

    /// <summary><c>call.abandoned</c>: the caller hung up before being answered.</summary>
    public const string CallAbandoned = "call.abandoned";

    /// <summary><c>call.overflowed_to_voicemail</c>: the call was routed to voicemail.</summary>
    public const string CallOverflowedToVoicemail = "call.overflowed_to_voicemail";

    /// <summary><c>call.disposition_saved</c>: a disposition was saved for a call.</summary>
    public const string CallDispositionSaved = "call.disposition_saved";

    /// <summary><c>call.disposition_modified</c>: a call's disposition was changed.</summary>
    public const string CallDispositionModified = "call.disposition_modified";

    /// <summary><c>voicemail.received</c>: a caller left a voicemail.</summary>
    public const string VoicemailReceived = "voicemail.received";

    /// <summary><c>sms.received</c>: an SMS was received.</summary>
    public const string SmsReceived = "sms.received";

    /// <summary><c>message.received</c>: an inbound message was received.</summary>
    public const string MessageReceived = "message.received";

    /// <summary><c>message.sent</c>: an outbound message was sent.</summary>
    public const string MessageSent = "message.sent";

    /// <summary><c>lead.captured</c>: a lead submitted the widget form.</summary>
    public const string LeadCaptured = "lead.captured";

    /// <summary><c>agent.assigned</c>: a lead or call was assigned to a rep.</summary>
    public const string AgentAssigned = "agent.assigned";

    /// <summary><c>contact.created</c>: a contact was created.</summary>
    public const string ContactCreated = "contact.created";

    /// <summary><c>contact.modified</c>: a contact was updated.</summary>
    public const string ContactModified = "contact.modified";

    /// <summary><c>contact_list.created</c>: a contact list became non-empty.</summary>
    public const string ContactListCreated = "contact_list.created";

    /// <summary><c>contact_list.modified</c>: a contact list was updated.</summary>
    public const string ContactListModified = "contact_list.modified";

    /// <summary>Gets every canonical event type, in the order of the table above.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        CallStarted, CallInitiated, CallConnected, CallCompleted, CallMissed, CallRecorded, CallStatusUpdated,
        CallEnded, CallAbandoned, CallOverflowedToVoicemail, CallDispositionSaved, CallDispositionModified,
        VoicemailReceived, SmsReceived, MessageReceived, MessageSent, LeadCaptured, AgentAssigned,
        ContactCreated, ContactModified, ContactListCreated, ContactListModified,
    ];

    /// <summary>Gets the aliases accepted for each canonical type (the canonical name itself excluded).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Aliases { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [CallCompleted] = ["call_completed", "Call Completed"],
        [CallMissed] = ["missed_call", "Missed Call"],
        [CallRecorded] = ["Call Recording Received", "call_recording_received"],
        [CallStatusUpdated] = ["call_status_update", "Call Status Update"],
        [CallEnded] = ["Call Ended"],
        [CallAbandoned] = ["Call Abandoned"],
        [CallOverflowedToVoicemail] = ["Call Overflowed To Voicemail"],
        [CallDispositionSaved] = ["Call Disposition Saved"],
        [CallDispositionModified] = ["Call Disposition Modified"],
        [VoicemailReceived] = ["voicemail_received", "Voicemail Received"],
        [SmsReceived] = ["sms_received", "SMS Received"],
        [MessageReceived] = ["Message Received"],
        [MessageSent] = ["Message Sent"],
        [ContactCreated] = ["Contact Created"],
        [ContactModified] = ["Contact Modified"],
        [ContactListCreated] = ["Contact List Created"],
        [ContactListModified] = ["Contact List Modified"],
    };

    // Declared after All and Aliases: static initializers run in text order.
    private static readonly FrozenDictionary<string, string> CanonicalByName = BuildTable();

    /// <summary>Finds the canonical type for a type name as received, matching aliases case-insensitively.</summary>
    /// <param name="receivedType">The type string from a payload, for example <c>missed_call</c>.</param>
    /// <param name="canonicalType">The canonical name, for example <c>call.missed</c>.</param>
    /// <returns><see langword="false"/> when the name is not a known event type.</returns>
    public static bool TryGetCanonical(string? receivedType, [NotNullWhen(true)] out string? canonicalType)
    {
        if (receivedType is not null && CanonicalByName.TryGetValue(receivedType.Trim(), out canonicalType))
        {
            return true;
        }

        canonicalType = null;
        return false;
    }

    private static FrozenDictionary<string, string> BuildTable()
    {
        var table = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var canonical in All)
        {
            table[canonical] = canonical;
        }

        foreach (var (canonical, aliases) in Aliases)
        {
            foreach (var alias in aliases)
            {
                table[alias] = canonical;
            }
        }

        return table.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
