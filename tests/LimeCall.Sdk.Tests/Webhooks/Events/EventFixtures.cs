using LimeCall.Sdk.Tests.Shared;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Tests.Webhooks.Events;

/// <summary>The payload fixtures under <c>Fixtures/Events</c>, named <c>{canonical type}.{shape}[.source].json</c>.</summary>
internal static class EventFixtures
{
    public static readonly IReadOnlyDictionary<string, Type> ClrTypeByCanonicalType = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [LimeCallEventTypes.CallStarted] = typeof(CallStartedEvent),
        [LimeCallEventTypes.CallInitiated] = typeof(CallInitiatedEvent),
        [LimeCallEventTypes.CallConnected] = typeof(CallConnectedEvent),
        [LimeCallEventTypes.CallCompleted] = typeof(CallCompletedEvent),
        [LimeCallEventTypes.CallMissed] = typeof(CallMissedEvent),
        [LimeCallEventTypes.CallRecorded] = typeof(CallRecordedEvent),
        [LimeCallEventTypes.CallStatusUpdated] = typeof(CallStatusUpdatedEvent),
        [LimeCallEventTypes.CallEnded] = typeof(CallEndedEvent),
        [LimeCallEventTypes.CallAbandoned] = typeof(CallAbandonedEvent),
        [LimeCallEventTypes.CallOverflowedToVoicemail] = typeof(CallOverflowedToVoicemailEvent),
        [LimeCallEventTypes.CallDispositionSaved] = typeof(CallDispositionSavedEvent),
        [LimeCallEventTypes.CallDispositionModified] = typeof(CallDispositionModifiedEvent),
        [LimeCallEventTypes.VoicemailReceived] = typeof(VoicemailReceivedEvent),
        [LimeCallEventTypes.SmsReceived] = typeof(SmsReceivedEvent),
        [LimeCallEventTypes.MessageReceived] = typeof(MessageReceivedEvent),
        [LimeCallEventTypes.MessageSent] = typeof(MessageSentEvent),
        [LimeCallEventTypes.LeadCaptured] = typeof(LeadCapturedEvent),
        [LimeCallEventTypes.AgentAssigned] = typeof(AgentAssignedEvent),
        [LimeCallEventTypes.ContactCreated] = typeof(ContactCreatedEvent),
        [LimeCallEventTypes.ContactModified] = typeof(ContactModifiedEvent),
        [LimeCallEventTypes.ContactListCreated] = typeof(ContactListCreatedEvent),
        [LimeCallEventTypes.ContactListModified] = typeof(ContactListModifiedEvent),
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
