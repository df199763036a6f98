using System.Text.Json;
using System.Text.Json.Serialization;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Webhooks.Serialization;

/// <summary>
/// Source-generated contracts for every event model: no reflection at run time, so the SDK works
/// trimmed and under Native AOT. Wire names are snake_case; scalar values are read tolerantly.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(TolerantStringConverter), typeof(TolerantInt32Converter), typeof(TolerantBooleanConverter), typeof(TolerantDateTimeOffsetConverter)])]
[JsonSerializable(typeof(CallStartedEvent))]
[JsonSerializable(typeof(CallInitiatedEvent))]
[JsonSerializable(typeof(CallConnectedEvent))]
[JsonSerializable(typeof(CallCompletedEvent))]
[JsonSerializable(typeof(CallMissedEvent))]
[JsonSerializable(typeof(CallRecordedEvent))]
[JsonSerializable(typeof(CallStatusUpdatedEvent))]
[JsonSerializable(typeof(CallEndedEvent))]
[JsonSerializable(typeof(CallAbandonedEvent))]
[JsonSerializable(typeof(CallOverflowedToVoicemailEvent))]
[JsonSerializable(typeof(CallDispositionSavedEvent))]
[JsonSerializable(typeof(CallDispositionModifiedEvent))]
[JsonSerializable(typeof(VoicemailReceivedEvent))]
[JsonSerializable(typeof(SmsReceivedEvent))]
[JsonSerializable(typeof(MessageReceivedEvent))]
[JsonSerializable(typeof(MessageSentEvent))]
[JsonSerializable(typeof(LeadCapturedEvent))]
[JsonSerializable(typeof(AgentAssignedEvent))]
[JsonSerializable(typeof(ContactCreatedEvent))]
[JsonSerializable(typeof(ContactModifiedEvent))]
[JsonSerializable(typeof(ContactListCreatedEvent))]
[JsonSerializable(typeof(ContactListModifiedEvent))]
[JsonSerializable(typeof(UnknownLimeCallEvent))]
[JsonSerializable(typeof(LimeCallAgent))]
[JsonSerializable(typeof(LimeCallLead))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class LimeCallJsonContext : JsonSerializerContext;
