using System.Reflection;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Tests.Webhooks.Events;

/// <summary>
/// Each event record is declared once, by its <c>[LimeCallEventType]</c> attribute; these tests hold the tables generated
/// from those declarations to the tests' own reading of the product documents, and every record to the serializer.
/// </summary>
public sealed class EventDeclarationTests
{
    private static readonly Type[] EventRecords =
    [
        .. typeof(LimeCallEventData).Assembly.GetExportedTypes()
            .Where(t => t.IsSealed && t.IsSubclassOf(typeof(LimeCallEventData)) && t != typeof(UnknownLimeCallEvent))
            .OrderBy(t => t.Name, StringComparer.Ordinal),
    ];

    public static TheoryData<Type> Records() => new(EventRecords);

    [Fact]
    public void GeneratedTypeList_IsTheDocumentsList()
    {
        Assert.Equal(EventFixtures.ClrTypeByCanonicalType.Keys.Order(StringComparer.Ordinal), LimeCallEventTypes.All);
        Assert.Equal(EventFixtures.ClrTypeByCanonicalType.Values.OrderBy(t => t.Name, StringComparer.Ordinal), EventRecords);
    }

    [Fact]
    public void GeneratedAliases_AreTheDocumentsAliases()
    {
        Assert.Equal(
            EventFixtures.AliasesByCanonicalType.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, string.Join('|', p.Value))),
            LimeCallEventTypes.Aliases.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, string.Join('|', p.Value))));
    }

    [Fact]
    public void GeneratedConstants_NameEachRecordAndItsType()
    {
        var constants = typeof(LimeCallEventTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!, StringComparer.Ordinal);

        Assert.Equal(EventFixtures.ClrTypeByCanonicalType.Count, constants.Count);
        Assert.All(EventFixtures.ClrTypeByCanonicalType, p => Assert.Equal(p.Key, constants[p.Value.Name[..^"Event".Length]]));
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void NoRecord_HasATypedMemberNamedLikeAnEnvelopeMember(Type record)
    {
        // Flat payloads are read in place: the envelope's type, id and time sit beside the data members, and only
        // because no record maps those names do they stay out of the typed data. A record that did would read them.
        string[] envelopeNames = ["event", "event_type", "type", "id", "event_id", "webhook_id", "timestamp", "created_at", "occurred_at"];
        var options = LimeCall.Sdk.Webhooks.Serialization.EventContract.CreateReadOptions(64);

        Assert.DoesNotContain(options.GetTypeInfo(record).Properties, p => envelopeNames.Contains(p.Name, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void EveryRecord_IsListedParsedAndSerialized(Type record)
    {
        var data = (LimeCallEventData)Activator.CreateInstance(record)!;
        var evt = new LimeCallEvent(data) { Id = "evt_" + record.Name };

        var parsed = LimeCallEventSerializer.Default.Parse(LimeCallEventSerializer.Default.Serialize(evt));

        Assert.Contains(evt.Type, LimeCallEventTypes.All);
        Assert.IsType(record, parsed.Data);
        Assert.Equal(evt, parsed);
        Assert.Equal(EventFixtures.ClrTypeByCanonicalType[evt.Type], record);
    }

    [Fact]
    public void Constructor_DataOfAKnownType_TakesItsCanonicalType()
    {
        var evt = new LimeCallEvent(new CallMissedEvent { CallId = "c1" });

        Assert.Equal(("call.missed", "call.missed"), (evt.Type, evt.ReceivedType));
        Assert.True(evt.RawJson.IsEmpty);
    }

    [Fact]
    public void Constructor_AnAlias_KeepsItAsReceivedType()
    {
        var evt = new LimeCallEvent(" missed_call ", new CallMissedEvent());

        Assert.Equal(("call.missed", "missed_call"), (evt.Type, evt.ReceivedType));
    }

    [Fact]
    public void Constructor_UnknownType_NeedsUnknownData()
    {
        var evt = new LimeCallEvent("ticket.escalated", new UnknownLimeCallEvent());

        Assert.Equal("ticket.escalated", evt.Type);
        Assert.Throws<ArgumentException>(() => new LimeCallEvent("ticket.escalated", new CallMissedEvent()));
        Assert.Throws<ArgumentException>(() => new LimeCallEvent(new UnknownLimeCallEvent()));
    }

    [Fact]
    public void Constructor_TypeAndDataThatDisagree_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new LimeCallEvent("call.missed", new CallCompletedEvent { CallerNumber = "+15550100" }));

        Assert.Contains("CallMissedEvent", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("+15550100", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new LimeCallEvent(" ", new CallMissedEvent()));
        Assert.Throws<ArgumentNullException>(() => new LimeCallEvent(null!));
    }

    [Fact]
    public void IdempotencyKey_IsComputedOnce()
    {
        var evt = LimeCallEventSerializer.Default.Parse("""{"event":"call.missed","call_id":"c1"}"""u8);

        Assert.Same(evt.IdempotencyKey, evt.IdempotencyKey);
        Assert.StartsWith("sha256:", evt.IdempotencyKey, StringComparison.Ordinal);
    }

    [Fact]
    public void GetData_OfAnotherType_NamesTheTypesNotTheValues()
    {
        var evt = new LimeCallEvent(new CallMissedEvent { CallerNumber = "+15550100" });

        Assert.Equal("+15550100", evt.GetData<CallEvent>().CallerNumber);
        var ex = Assert.Throws<InvalidOperationException>(() => evt.GetData<LeadCapturedEvent>());
        Assert.Contains("LeadCapturedEvent", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("+15550100", ex.Message, StringComparison.Ordinal);
    }
}
