using LimeCall.Sdk.Tests.Shared;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Tests.Webhooks.Events;

/// <summary>The payload fixtures under <c>Fixtures/Events</c>, named <c>{canonical type}.{shape}[.source].json</c>.</summary>
internal static class EventFixtures
{
    /// <summary>
    /// The tests' own record of every event type, written from the product documents with literal names: an oracle
    /// independent of the generated <see cref="LimeCallEventTypes"/>, which it is compared with.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Type> ClrTypeByCanonicalType = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["call.started"] = typeof(CallStartedEvent),
        ["call.initiated"] = typeof(CallInitiatedEvent),
        ["call.connected"] = typeof(CallConnectedEvent),
        ["call.completed"] = typeof(CallCompletedEvent),
        ["call.missed"] = typeof(CallMissedEvent),
        ["call.recorded"] = typeof(CallRecordedEvent),
        ["call.status_updated"] = typeof(CallStatusUpdatedEvent),
        ["call.ended"] = typeof(CallEndedEvent),
        ["call.abandoned"] = typeof(CallAbandonedEvent),
        ["call.overflowed_to_voicemail"] = typeof(CallOverflowedToVoicemailEvent),
        ["call.disposition_saved"] = typeof(CallDispositionSavedEvent),
        ["call.disposition_modified"] = typeof(CallDispositionModifiedEvent),
        ["voicemail.received"] = typeof(VoicemailReceivedEvent),
        ["sms.received"] = typeof(SmsReceivedEvent),
        ["message.received"] = typeof(MessageReceivedEvent),
        ["message.sent"] = typeof(MessageSentEvent),
        ["lead.captured"] = typeof(LeadCapturedEvent),
        ["agent.assigned"] = typeof(AgentAssignedEvent),
        ["contact.created"] = typeof(ContactCreatedEvent),
        ["contact.modified"] = typeof(ContactModifiedEvent),
        ["contact_list.created"] = typeof(ContactListCreatedEvent),
        ["contact_list.modified"] = typeof(ContactListModifiedEvent),
    };

    /// <summary>The aliases the product documents use, from the same reading of them (canonical name excluded).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> AliasesByCanonicalType = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["call.completed"] = ["call_completed", "Call Completed"],
        ["call.missed"] = ["missed_call", "Missed Call"],
        ["call.recorded"] = ["Call Recording Received", "call_recording_received"],
        ["call.status_updated"] = ["call_status_update", "Call Status Update"],
        ["call.ended"] = ["Call Ended"],
        ["call.abandoned"] = ["Call Abandoned"],
        ["call.overflowed_to_voicemail"] = ["Call Overflowed To Voicemail"],
        ["call.disposition_saved"] = ["Call Disposition Saved"],
        ["call.disposition_modified"] = ["Call Disposition Modified"],
        ["voicemail.received"] = ["voicemail_received", "Voicemail Received"],
        ["sms.received"] = ["sms_received", "SMS Received"],
        ["message.received"] = ["Message Received"],
        ["message.sent"] = ["Message Sent"],
        ["contact.created"] = ["Contact Created"],
        ["contact.modified"] = ["Contact Modified"],
        ["contact_list.created"] = ["Contact List Created"],
        ["contact_list.modified"] = ["Contact List Modified"],
    };

    public static string Folder => Path.Combine(TestProject.Directory, "Fixtures", "Events");

    public static IEnumerable<string> Names => Directory.EnumerateFiles(Folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static TheoryData<string> Theory() => new(Names);

    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static string CanonicalType(string name)
    {
        var end = name.IndexOf(".enveloped", StringComparison.Ordinal);
        return name[..(end >= 0 ? end : name.IndexOf(".flat", StringComparison.Ordinal))];
    }
}
