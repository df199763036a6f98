using System.Text;
using System.Text.Json;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Tests.Webhooks.Events;

/// <summary>
/// Unknown members are kept without being paid for at parse: read from the payload on first use, exactly the members a
/// typed record does not map, and a member named twice anywhere is still refused at parse.
/// </summary>
public sealed class UnknownMembersTests
{
    private static readonly LimeCallEventSerializer Serializer = LimeCallEventSerializer.Default;

    [Theory]
    [InlineData("""{"event":"call.missed","id":"e1","data":{"id":"row_1","call_id":"c1","type":"x","crm":{"owner":"a"}}}""")]
    [InlineData("""{"event":"call.missed","type":"x","id":"e1","webhook_id":"w1","call_id":"c1","crm":{"owner":"a"}}""")]
    public void AdditionalProperties_AreTheMembersNoTypedFieldTakes_InTheirOrder(string json)
    {
        var data = (CallMissedEvent)Serializer.Parse(Encoding.UTF8.GetBytes(json)).Data;

        // Enveloped: a data member called id or type is data. Flat: the members read as the envelope's are not, and an
        // envelope name of lower precedence (type beside event, webhook_id beside id) is an unknown member.
        string[] expected = json.Contains("\"data\"", StringComparison.Ordinal) ? ["id", "type", "crm"] : ["type", "webhook_id", "crm"];
        Assert.Equal(expected, data.AdditionalProperties!.Keys);
        Assert.Equal("a", data.AdditionalProperties["crm"].GetProperty("owner").GetString());
        Assert.Equal("c1", data.CallId);
    }

    [Theory]
    [InlineData("""{"event":"call.missed","data":{"call_id":"c1"}}""")]
    [InlineData("""{"event":"call.missed","data":null}""")]
    [InlineData("""{"event":"call.missed","id":"e1","timestamp":1,"call_id":"c1"}""")]
    public void AdditionalProperties_WithNoUnknownMember_AreNull(string json)
        => Assert.Null(Serializer.Parse(Encoding.UTF8.GetBytes(json)).Data.AdditionalProperties);

    [Fact]
    public void AdditionalProperties_ReadFromManyThreadsAtOnce_AreOneDictionary()
    {
        var data = Serializer.Parse("""{"event":"call.missed","data":{"call_id":"c1","crm":1,"score":2}}"""u8).Data;
        var seen = new IDictionary<string, JsonElement>?[64];

        Parallel.For(0, seen.Length, i => seen[i] = data.AdditionalProperties);

        Assert.All(seen, s => Assert.Same(seen[0], s));
        Assert.Equal(["crm", "score"], seen[0]!.Keys);
    }

    [Fact]
    public void AdditionalProperties_Set_ReplaceTheUnreadOnes_AndACopyKeepsWhatItWasGiven()
    {
        var parsed = (CallMissedEvent)Serializer.Parse("""{"event":"call.missed","data":{"call_id":"c1","crm":1}}"""u8).Data;
        var copy = parsed with { CallId = "c2" };

        var replaced = parsed with { };
        replaced.AdditionalProperties = null;

        Assert.Equal(1, copy.AdditionalProperties!["crm"].GetInt32());
        Assert.Null(replaced.AdditionalProperties);
        Assert.Equal((CallMissedEvent)Serializer.Parse("""{"event":"call.missed","data":{"call_id":"c1"}}"""u8).Data, replaced);
        Assert.NotEqual(parsed, replaced);
    }

    [Fact]
    public void Parse_OfAnEventOfManyUnknownMembers_AllocatesAboutOneCopyOfTheBody_UntilTheyAreRead()
    {
        var fields = string.Concat(Enumerable.Range(0, 970).Select(i => $",\"custom_field_{i:D4}\":\"value of custom field {i:D4} from the CRM sync\""));
        var payload = Encoding.UTF8.GetBytes($"{{\"event\":\"call.completed\",\"id\":\"e1\",\"data\":{{\"call_id\":\"c1\"{fields}}}}}");
        _ = Serializer.Parse(payload); // warm up: the first parse builds the contracts

        var before = GC.GetAllocatedBytesForCurrentThread();
        var data = Serializer.Parse(payload).Data;
        var parsing = GC.GetAllocatedBytesForCurrentThread() - before;

        // The copy kept as RawJson, the event and its record, the typed strings, and System.Text.Json's copy of each
        // name it skips (~45 bytes a member here, which a model that drops unknown members pays too). Read at parse,
        // the ~970 members cost ~509 KB, eight times the body.
        Assert.InRange(parsing, payload.Length, 2 * payload.Length);
        Assert.Equal(970, data.AdditionalProperties!.Count);
        Assert.Equal("value of custom field 0969 from the CRM sync", data.AdditionalProperties["custom_field_0969"].GetString());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(65)]
    [InlineData(5000)]
    public void Parse_ManyMembers_AllDistinct_Parses_AndOneNameGivenTwice_IsRefused(int count)
    {
        var members = Enumerable.Range(0, count).Select(i => $"\"m{i}\":{i}").ToList();
        string Payload(IEnumerable<string> m) => "{\"event\":\"call.missed\",\"data\":{\"crm\":{" + string.Join(',', m) + "}}}";

        Assert.True(Serializer.TryParse(Encoding.UTF8.GetBytes(Payload(members)), out _, out var error), error.ToString());
        members.Insert(count / 2, $"\"m{count - 1}\":0");
        Assert.Equal(LimeCallPayloadError.DuplicateProperty, Error(Payload(members)));
    }

    [Theory]
    [InlineData("""{"event":"call.missed","data":{"crm":{"owner":1,"\u006fwner":2}}}""")] // the same name, escaped
    [InlineData("""{"event":"call.missed","data":{"crm":[{"a":1},{"b":1,"b":2}]}}""")] // an object in an array
    [InlineData("""{"event":"call.missed","data":{"a":{"x":{}},"a":1}}""")] // after a nested object closed
    [InlineData("""{"event":"call.missed","x":{"y":1},"x":2}""")] // flat, at the top
    [InlineData("""{"event":"call.missed","data":{},"note":{"a":1,"a":1}}""")] // an envelope member's value
    [InlineData("""{"event":"lead.captured","data":{"lead":[{"email":"a@x","email":"b@x"}]}}""")] // a value of the wrong shape for its typed field
    public void Parse_ANameGivenTwiceInOneObject_IsRefused_HoweverItIsWrittenOrNested(string json)
        => Assert.Equal(LimeCallPayloadError.DuplicateProperty, Error(json));

    [Fact]
    public void Parse_ALongNameGivenTwice_OnceEscaped_IsRefused()
    {
        var name = new string('n', 300);
        var escaped = @"\u006e" + name[1..];

        Assert.Equal(LimeCallPayloadError.DuplicateProperty, Error($"{{\"event\":\"call.missed\",\"data\":{{\"{name}\":1,\"{escaped}\":2}}}}"));
        Assert.Equal(LimeCallPayloadError.None, Error($"{{\"event\":\"call.missed\",\"data\":{{\"{name}\":1,\"{escaped}x\":2}}}}"));
    }

    [Theory]
    [InlineData("""{"event":"call.missed","data":{"a":{"x":1},"b":{"x":2}}}""")] // the same name in sibling objects
    [InlineData("""{"event":"call.missed","data":{"x":{"x":{"x":1}}}}""")] // at each depth once
    [InlineData("""{"event":"call.missed","data":{"x":[{"x":1},{"x":2}]}}""")] // in each element of an array
    [InlineData("""{"event":"call.missed","id":"e1","data":{"id":"row_1","event":"x"}}""")] // envelope names, inside the data
    public void Parse_TheSameNameInDifferentObjects_IsNoDuplicate(string json)
        => Assert.Equal(LimeCallPayloadError.None, Error(json));

    private static LimeCallPayloadError Error(string json)
    {
        _ = Serializer.TryParse(Encoding.UTF8.GetBytes(json), out _, out var error);
        return error;
    }
}
