using System.Buffers;
using System.Text;
using System.Text.Json;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Tests.Webhooks.Events;

/// <summary>The parser's limits and envelope rules at their exact edges, where an off-by-one would hide.</summary>
public sealed class LimeCallEventSerializerEdgeTests
{
    private static readonly LimeCallEventSerializer Serializer = LimeCallEventSerializer.Default;

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(32)]
    [InlineData(256)]
    public void Parse_NestingExactlyAtMaxDepth_Parses_AndOneLevelMoreIsTooDeep(int maxDepth)
    {
        // Depth counts the top-level object as 1, wherever the nesting is: a flat member, the data, an envelope member.
        var serializer = new LimeCallEventSerializer(new() { MaxDepth = maxDepth });
        string Flat(int depth) => "{\"event\":\"call.missed\",\"x\":" + Arrays(depth - 1) + "}";
        string InData(int depth) => "{\"event\":\"call.missed\",\"data\":{\"x\":" + Arrays(depth - 2) + "}}";
        string InEnvelope(int depth) => "{\"event\":\"call.missed\",\"data\":{},\"x\":" + Arrays(depth - 1) + "}";

        foreach (var payload in (Func<int, string>[])[Flat, InEnvelope])
        {
            Assert.True(serializer.TryParse(Encoding.UTF8.GetBytes(payload(maxDepth)), out var parsed, out var atLimit), atLimit.ToString());
            Assert.Equal(LimeCallPayloadError.TooDeep, Error(serializer, payload(maxDepth + 1)));
            Assert.Equal(payload == Flat, parsed.Data.AdditionalProperties?.ContainsKey("x") == true); // read later, within the same limit
        }

        Assert.Equal(LimeCallPayloadError.TooDeep, Error(serializer, InData(maxDepth + 1)));
        if (maxDepth > 2)
        {
            Assert.True(serializer.TryParse(Encoding.UTF8.GetBytes(InData(maxDepth)), out var parsed, out var inData), inData.ToString());
            Assert.True(parsed.Data.AdditionalProperties!.ContainsKey("x"));
        }
    }

    [Fact]
    public void Parse_EnvelopeMemberNestedDeeperThanTheReadersDefault_IsKeptWithinAHigherLimit()
    {
        var serializer = new LimeCallEventSerializer(new() { MaxDepth = 200 });
        var json = "{\"event\":\"call.missed\",\"data\":{},\"trace\":" + Arrays(150) + "}";

        var evt = serializer.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(JsonValueKind.Array, evt.EnvelopeProperties!["trace"].ValueKind);
    }

    [Fact]
    public void Parse_PayloadExactlyAtTheSizeLimit_ParsesOnEveryEntryPoint_AndOneByteMoreIsTooLarge()
    {
        var atLimit = Encoding.UTF8.GetBytes("{\"event\":\"call.missed\",\"pad\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}");
        var serializer = new LimeCallEventSerializer(new() { MaxPayloadBytes = atLimit.Length });
        var over = Encoding.UTF8.GetBytes("{\"event\":\"call.missed\",\"pad\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}");
        Assert.Equal(atLimit.Length + 1, over.Length);

        Assert.Equal("call.missed", serializer.Parse(atLimit).Type);
        Assert.Equal("call.missed", serializer.Parse(new ReadOnlySequence<byte>(atLimit)).Type);
        Assert.True(serializer.TryParse(atLimit, out _, out _));
        Assert.True(serializer.TryParse(new ReadOnlySequence<byte>(atLimit), out _, out _));

        Assert.Equal(LimeCallPayloadError.TooLarge, Assert.Throws<LimeCallPayloadException>(() => serializer.Parse(over)).Error);
        Assert.Equal(LimeCallPayloadError.TooLarge, Assert.Throws<LimeCallPayloadException>(() => serializer.Parse(new ReadOnlySequence<byte>(over))).Error);
        Assert.False(serializer.TryParse(over, out _, out var spanError));
        Assert.False(serializer.TryParse(new ReadOnlySequence<byte>(over), out _, out var sequenceError));
        Assert.Equal((LimeCallPayloadError.TooLarge, LimeCallPayloadError.TooLarge), (spanError, sequenceError));
    }

    [Theory]
    [InlineData("""{"event":"call.missed","event":"call.completed"}""")]
    [InlineData("""{"type":"call.missed","type":"call.completed"}""")]
    [InlineData("""{"event":"call.missed","id":"e1","id":"e2"}""")]
    [InlineData("""{"event":"call.missed","webhook_id":"e1","webhook_id":"e2"}""")]
    [InlineData("""{"event":"call.missed","timestamp":1,"timestamp":2}""")]
    [InlineData("""{"event":"call.missed","occurred_at":1,"occurred_at":2}""")]
    [InlineData("""{"event":"call.missed","data":{},"data":{}}""")]
    [InlineData("""{"event":"call.missed","id":"e1","id":"e2","id":"e3","data":{}}""")]
    public void Parse_AnEnvelopeMemberNamedTwice_IsRefused(string json)
    {
        // Two parsers reading "the" id or type of such a payload can disagree: it is refused, never guessed.
        Assert.Equal(LimeCallPayloadError.DuplicateProperty, Error(Serializer, json));
    }

    [Theory]
    [InlineData("""{"event":"call.missed","data":{"call_id":"c1","call_id":"c2"}}""")] // a typed field of the data
    [InlineData("""{"event":"call.missed","call_id":"c1","call_id":"c2"}""")] // the same, flat
    [InlineData("""{"event":"call.missed","data":{"crm":{"owner":"a","owner":"b"}}}""")] // inside a field the SDK does not know
    [InlineData("""{"event":"lead.captured","data":{"lead":{"email":"a@x","email":"b@x"}}}""")] // a nested record
    public void Parse_AMemberNamedTwiceAnywhereInTheData_IsRefused(string json)
    {
        // "First wins" in one reader and "last wins" in another would let one event be read two ways.
        Assert.Equal(LimeCallPayloadError.DuplicateProperty, Error(Serializer, json));
    }

    [Fact]
    public void Parse_EveryEnvelopeSpellingOnce_IsNoDuplicate_AndTheFirstInPrecedenceWins()
    {
        var evt = Serializer.Parse("""
            {"event_type":"call.completed","type":"x","event":"call.missed","webhook_id":"w","event_id":"e","id":"i",
             "occurred_at":3,"created_at":2,"timestamp":1,"data":{}}
            """u8);

        Assert.Equal(("call.missed", "i", DateTimeOffset.FromUnixTimeSeconds(1)), (evt.Type, evt.Id, evt.Timestamp!.Value));
    }

    [Fact]
    public void Parse_DuplicateFollowedBySyntaxError_IsNotJson()
        => Assert.Equal(LimeCallPayloadError.NotJson, Error(Serializer, """{"event":"call.missed","event":"x","call_id": oops}"""));

    [Fact]
    public void Parse_DuplicateThenTrailingText_IsNotJson()
        => Assert.Equal(LimeCallPayloadError.NotJson, Error(Serializer, """{"event":"call.missed","event":"x"} trailing"""));

    [Fact]
    public void Serialize_NullArguments_AreRefused()
    {
        Assert.Equal("webhookEvent", Assert.Throws<ArgumentNullException>(() => Serializer.Serialize(null!, new System.Buffers.ArrayBufferWriter<byte>())).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentNullException>(() => Serializer.Serialize(new LimeCallEvent(new CallMissedEvent()), null!)).ParamName);
    }

    [Fact]
    public void Parse_FlatPayloadWithANullMember_StaysFlat()
    {
        var evt = Serializer.Parse("""{"event":"call.missed","caller_number":null,"call_id":"c1","tags":null}"""u8);

        Assert.Equal("c1", ((CallMissedEvent)evt.Data).CallId);
        Assert.Null(evt.EnvelopeProperties);
    }

    public static TheoryData<string> EnvelopeInEveryOrder()
    {
        string[] members = ["\"event\":\"call_completed\"", "\"id\":\"e1\"", "\"timestamp\":1738249200", "\"call_id\":\"c1\""];
        var data = new TheoryData<string>();
        foreach (var order in Permutations([0, 1, 2, 3]))
        {
            data.Add("{" + string.Join(",", order.Select(i => members[i])) + "}");
            data.Add("{ " + string.Join(" ,\n  ", order.Select(i => members[i])) + " }");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EnvelopeInEveryOrder))]
    public void Parse_FlatPayload_EnvelopeMembersInAnyOrderAndSpacing_AreTakenOutOfTheData(string json)
    {
        var evt = Serializer.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(("call.completed", "e1", DateTimeOffset.FromUnixTimeSeconds(1738249200)), (evt.Type, evt.Id, evt.Timestamp!.Value));
        Assert.Equal("c1", ((CallCompletedEvent)evt.Data).CallId);
        Assert.Empty(evt.Data.AdditionalProperties ?? new Dictionary<string, JsonElement>());
    }

    [Theory]
    [InlineData("""{"event":"call.missed","data":{}}""", null)]
    [InlineData("""{"event":"call.missed","id":"e1","timestamp":1,"data":{}}""", null)]
    [InlineData("""{"event":"call.missed","data":{},"account":"a1"}""", "account")]
    [InlineData("""{"account":"a1","id":"e1","event":"call.missed","data":{}}""", "account")]
    [InlineData("""{"event":"call.missed","timestamp":1,"data":{},"account":"a1"}""", "account")]
    [InlineData("""{"event":"call.missed","data":null,"account":"a1"}""", "account")]
    public void Parse_EnvelopeProperties_AreExactlyTheUnknownTopLevelMembers(string json, string? expected)
    {
        var evt = Serializer.Parse(Encoding.UTF8.GetBytes(json));

        if (expected is null)
        {
            Assert.Null(evt.EnvelopeProperties);
        }
        else
        {
            Assert.Equal([expected], evt.EnvelopeProperties!.Keys);
        }
    }

    [Fact]
    public void PayloadException_EveryError_HasItsOwnMessage()
    {
        var messages = Enum.GetValues<LimeCallPayloadError>().Where(e => e != LimeCallPayloadError.None)
            .Select(e => new LimeCallPayloadException(e).Message).ToList();

        Assert.All(messages, m => Assert.StartsWith("The webhook payload ", m, StringComparison.Ordinal));
        Assert.Equal(messages.Count, messages.Distinct(StringComparer.Ordinal).Count());
    }

    private static LimeCallPayloadError Error(LimeCallEventSerializer serializer, string json)
    {
        Assert.False(serializer.TryParse(Encoding.UTF8.GetBytes(json), out _, out var error));
        return error;
    }

    private static string Arrays(int depth) => new string('[', depth) + new string(']', depth);

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            foreach (var rest in Permutations([.. items[..i], .. items[(i + 1)..]]))
            {
                yield return [items[i], .. rest];
            }
        }
    }
}
