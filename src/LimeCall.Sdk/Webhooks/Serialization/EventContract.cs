using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Webhooks.Serialization;

/// <summary>
/// The JSON contract of event data: the source-generated contracts, minus the envelope members of
/// <see cref="LimeCallEvent"/>, which the serializer reads and writes itself.
/// </summary>
/// <remarks>
/// The envelope members carry <c>[JsonIgnore]</c>, but that alone is not enough: an ignored property
/// still reserves its name, and System.Text.Json skips a JSON value of that name instead of putting it in
/// the extension data, so a data field called <c>id</c> or <c>type</c> would be silently dropped. Removing
/// the ignored members from each contract releases the names.
/// </remarks>
internal static class EventContract
{
    /// <summary>Gets the record type for each canonical event type.</summary>
    public static readonly FrozenDictionary<string, Type> ClrTypes = new Dictionary<string, Type>(StringComparer.Ordinal)
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
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // The snake_case contract names of LimeCallEvent's envelope members; no data property uses them.
    private static readonly FrozenSet<string> EnvelopeMembers = new[]
    {
        "id", "type", "received_type", "timestamp", "raw_json", "idempotency_key", "envelope_properties",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static JsonSerializerOptions CreateOptions(int maxDepth)
    {
        var options = new JsonSerializerOptions(LimeCallJsonContext.Default.Options)
        {
            MaxDepth = maxDepth,

            // One rule for every object of a payload: a member name given twice is malformed (400), never
            // "first wins" here and "last wins" there, which let one event be read two ways.
            AllowDuplicateProperties = false,
            TypeInfoResolver = LimeCallJsonContext.Default.WithAddedModifier(RemoveEnvelopeMembers),
        };
        options.MakeReadOnly();
        return options;
    }

    private static void RemoveEnvelopeMembers(JsonTypeInfo typeInfo)
    {
        if (!typeof(LimeCallEvent).IsAssignableFrom(typeInfo.Type))
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            if (EnvelopeMembers.Contains(typeInfo.Properties[i].Name))
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }
}
