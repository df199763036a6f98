using System.Buffers;
using System.Text;
using System.Text.Json;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Tests.Webhooks.Events;

public sealed class LimeCallEventSerializerTests
{
    private static readonly LimeCallEventSerializer Serializer = LimeCallEventSerializer.Default;

    public static TheoryData<string, string> EveryAlias()
    {
        // A set: an alias already in lower case would otherwise be a duplicate row, which xunit skips.
        var rows = new HashSet<(string Received, string Canonical)>();
        foreach (var (canonical, aliases) in LimeCallEventTypes.Aliases)
        {
            foreach (var alias in aliases)
            {
                rows.Add((alias, canonical));
                rows.Add((alias.ToUpperInvariant(), canonical));
                rows.Add((alias.ToLowerInvariant(), canonical));
            }
        }

        foreach (var canonical in LimeCallEventTypes.All)
        {
            rows.Add((canonical, canonical));
            rows.Add((canonical.ToUpperInvariant(), canonical));
            rows.Add((" " + canonical + " ", canonical));
        }

        var data = new TheoryData<string, string>();
        foreach (var (received, canonical) in rows)
        {
            data.Add(received, canonical);
        }

        return data;
    }

    [Fact]
    public void Parse_SeedMissedCallVerbatim_MapsEveryField()
    {
        var parsed = Serializer.Parse(EventFixtures.Read("call.missed.flat.seed-001.json"));
        var evt = Assert.IsType<CallMissedEvent>(parsed.Data);

        Assert.Equal("call.missed", parsed.Type);
        Assert.Equal("missed_call", parsed.ReceivedType);
        Assert.Equal("123456", evt.CallId);
        Assert.Equal("+1234567890", evt.CallerNumber);
        Assert.Equal("+0987654321", evt.CalleeNumber);
        Assert.Equal("team_001", evt.TeamId);
        Assert.Equal("missed", evt.Status);
        Assert.Equal(new DateTimeOffset(2025, 1, 30, 15, 0, 0, TimeSpan.Zero), parsed.Timestamp);
        Assert.True(evt.AdditionalProperties is null or { Count: 0 }, "envelope fields must not leak into the unknown-property bag");
    }

    [Fact]
    public void Parse_SeedSmsAndVoicemailVerbatim_MapsEveryField()
    {
        var sms = Assert.IsType<SmsReceivedEvent>(Serializer.Parse(EventFixtures.Read("sms.received.flat.seed-001.json")).Data);
        var voicemail = Assert.IsType<VoicemailReceivedEvent>(Serializer.Parse(EventFixtures.Read("voicemail.received.flat.seed-001.json")).Data);

        Assert.Equal(("567890", "+1234567890", "+0987654321"), (sms.MessageId, sms.SenderNumber, sms.ReceiverNumber));
        Assert.Equal("Hello, I’m interested in your services.", sms.MessageContent);
        Assert.Equal("https://limecall.io/voicemails/123456", voicemail.VoicemailUrl);
        Assert.Equal("team_002", voicemail.TeamId);
    }

    [Theory]
    [MemberData(nameof(EveryAlias))]
    public void Parse_TypeAlias_GivesCanonicalTypeAndKeepsWhatWasReceived(string received, string canonical)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object> { ["event"] = received, ["data"] = new Dictionary<string, object>() });

        var evt = Serializer.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(canonical, evt.Type);
        Assert.Equal(received.Trim(), evt.ReceivedType);
        Assert.IsType(EventFixtures.ClrTypeByCanonicalType[canonical], evt.Data);
    }

    [Theory]
    [InlineData("""{"id":"e1","timestamp":"2025-01-30T15:00:00Z","data":{"call_id":"c1"},"event":"call.completed"}""")]
    [InlineData("""{"data":{"call_id":"c1"},"event_type":"call.completed","event_id":"e1","created_at":1738249200}""")]
    [InlineData("""{"webhook_id":"e1","type":"Call Completed","occurred_at":"1738249200","data":{"call_id":"c1"}}""")]
    [InlineData("""{"call_id":"c1","id":"e1","timestamp":"2025-01-30T15:00:00.000+00:00","event":"call_completed"}""")]
    [InlineData("""{ "call_id" : "c1" , "id" : "e1" ,"timestamp":1738249200 ,	"event" : "call_completed"	}""")]
    [InlineData("""{"event":"call_completed","timestamp":1738249200,"id":"e1","call_id":"c1"}""")]
    public void Parse_EnvelopeNamesAndPositions_AllReadTheSameEvent(string json)
    {
        var parsed = Serializer.Parse(Encoding.UTF8.GetBytes(json));
        var evt = Assert.IsType<CallCompletedEvent>(parsed.Data);

        Assert.Equal(("e1", "c1"), (parsed.Id, evt.CallId));
        Assert.Equal(new DateTimeOffset(2025, 1, 30, 15, 0, 0, TimeSpan.Zero), parsed.Timestamp);
    }

    [Fact]
    public void Parse_EventAndTypeBothPresent_EventWinsAndTypeStaysAsData()
    {
        var parsed = Serializer.Parse("""{"type":"person","event":"Contact Created","contact_id":"ct1"}"""u8);
        var evt = Assert.IsType<ContactCreatedEvent>(parsed.Data);

        Assert.Equal("ct1", evt.ContactId);
        Assert.Equal("person", evt.AdditionalProperties!["type"].GetString());
    }

    [Fact]
    public void Parse_DataFieldsNamedLikeEnvelopeMembers_AreKeptNotDropped()
    {
        // Regression: when the envelope members lived on the data record, System.Text.Json skipped data fields
        // of those names instead of keeping them as unknown properties. Data is now its own record.
        var evt = Serializer.Parse("""
            {"id":"evt_1","event":"call.completed","data":{"id":"call_row_9","type":"inbound","timestamp":"x","raw_json":1,"received_type":2,"idempotency_key":3,"envelope_properties":4}}
            """u8);

        Assert.Equal("evt_1", evt.Id);
        Assert.Equal(
            new[] { "envelope_properties", "id", "idempotency_key", "raw_json", "received_type", "timestamp", "type" },
            evt.Data.AdditionalProperties!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("call_row_9", evt.Data.AdditionalProperties["id"].GetString());
        Assert.Equal(evt, Serializer.Parse(Serializer.Serialize(evt)));
    }

    [Theory]
    [InlineData("\"2025-01-30T15:00:00Z\"", 1738249200000)]
    [InlineData("\"2025-01-30T17:00:00+02:00\"", 1738249200000)]
    [InlineData("\"2025-01-30T15:00:00\"", 1738249200000)] // no offset: UTC, never local time
    [InlineData("\"2025-01-30 15:00:00Z\"", 1738249200000)]
    [InlineData("1738249200", 1738249200000)]
    [InlineData("1738249200.5", 1738249200500)]
    [InlineData("\"1738249200\"", 1738249200000)]
    [InlineData("1738249200000", 1738249200000)] // milliseconds
    public void Parse_Timestamp_AcceptsIsoAndUnixForms(string value, long expectedUnixMs)
    {
        var evt = Serializer.Parse(Encoding.UTF8.GetBytes($$"""{"event":"call.missed","timestamp":{{value}}}"""));

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedUnixMs), evt.Timestamp);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("true")]
    [InlineData("1e300")]
    public void Parse_UnreadableTimestamp_IsNullAndTheEventStillParses(string value)
    {
        var evt = Serializer.Parse(Encoding.UTF8.GetBytes($$"""{"event":"call.missed","timestamp":{{value}},"call_id":"c1"}"""));

        Assert.Null(evt.Timestamp);
        Assert.Equal("c1", ((CallMissedEvent)evt.Data).CallId);
    }

    [Theory]
    [InlineData("184", 184)]
    [InlineData("\"184\"", 184)]
    [InlineData("\" 184 \"", 184)]
    [InlineData("184.0", 184)]
    [InlineData("\"184.0\"", 184)]
    [InlineData("\"3 minutes\"", null)]
    [InlineData("184.5", null)]
    [InlineData("null", null)]
    [InlineData("{\"seconds\":184}", null)]
    [InlineData("[184]", null)]
    [InlineData("99999999999", null)]
    public void Parse_DurationInAnyForm_ReadsTheNumberOrNull(string value, int? expected)
    {
        var parsed = Serializer.Parse(Encoding.UTF8.GetBytes($$$"""{"event":"call.completed","data":{"duration":{{{value}}},"call_id":"c1"}}"""));
        var evt = (CallCompletedEvent)parsed.Data;

        Assert.Equal(expected, evt.Duration);
        Assert.Equal("c1", evt.CallId);
    }

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData("1.5e3", "1.5e3")]
    [InlineData("true", "true")]
    [InlineData("\"abc\"", "abc")]
    [InlineData("{\"nested\":1}", null)]
    [InlineData("[]", null)]
    [InlineData("null", null)]
    public void Parse_CallIdInAnyForm_ReadsTextOrNull(string value, string? expected)
    {
        var parsed = Serializer.Parse(Encoding.UTF8.GetBytes($$"""{"event":"missed_call","call_id":{{value}}}"""));
        var evt = (CallMissedEvent)parsed.Data;

        Assert.Equal(expected, evt.CallId);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("\"1\"", true)]
    [InlineData("\"0\"", false)]
    [InlineData("\"TRUE\"", true)]
    [InlineData("\"no\"", false)]
    [InlineData("\"yes\"", true)]
    [InlineData("\" Yes \"", true)]
    [InlineData("\"false\"", false)]
    [InlineData("\"False\"", false)]
    [InlineData("\"yess\"", null)]
    [InlineData("\"falsey\"", null)]
    [InlineData("\"nope\"", null)]
    [InlineData("2", null)]
    [InlineData("\"maybe\"", null)]
    [InlineData("null", null)]
    public void Parse_IsAutoInAnyForm_ReadsTheBooleanOrNull(string value, bool? expected)
    {
        var parsed = Serializer.Parse(Encoding.UTF8.GetBytes($$$"""{"event":"lead.captured","data":{"is_auto":{{{value}}}}}"""));
        var evt = (LeadCapturedEvent)parsed.Data;

        Assert.Equal(expected, evt.IsAutoCallback);
    }

    [Fact]
    public void Parse_MissingNullAndEmptyValues_AreTolerated()
    {
        var parsed = Serializer.Parse("""
            {"event":"call.completed","data":{"call_id":null,"duration":null,"agent":null,"lead":"not an object",
             "recordings":[],"tags":[],"outcome":""}}
            """u8);
        var evt = (CallCompletedEvent)parsed.Data;

        Assert.Null(evt.CallId);
        Assert.Null(evt.Duration);
        Assert.Null(evt.Agent);
        Assert.Null(evt.Lead);
        Assert.Equal(string.Empty, evt.Outcome);
        Assert.Equal(0, evt.AdditionalProperties!["recordings"].GetArrayLength());
        Assert.Null(parsed.Id);
        Assert.Null(parsed.Timestamp);
    }

    [Fact]
    public void Parse_NullOrEmptyData_GivesAnEventWithNoFields()
    {
        var fromNull = (CallStartedEvent)Serializer.Parse("""{"event":"call.started","data":null}"""u8).Data;
        var fromEmpty = (CallStartedEvent)Serializer.Parse("""{"event":"call.started","data":{}}"""u8).Data;

        Assert.Equal(fromNull, fromEmpty);
        Assert.Null(fromNull.CallId);
    }

    [Fact]
    public void Parse_UnknownFields_SurviveEverywhereAndReSerialize()
    {
        var parsed = Serializer.Parse("""
            {"id":"e1","event":"call.completed","delivery_attempt":3,"account":{"id":"acc_1"},
             "data":{"call_id":"c1","sentiment":{"score":0.8,"labels":["happy"]},"agent":{"id":"r1","team_role":"lead"}}}
            """u8);
        var evt = (CallCompletedEvent)parsed.Data;

        Assert.Equal(0.8, evt.AdditionalProperties!["sentiment"].GetProperty("score").GetDouble());
        Assert.Equal("lead", evt.Agent!.AdditionalProperties!["team_role"].GetString());
        Assert.Equal(3, parsed.EnvelopeProperties!["delivery_attempt"].GetInt32());

        var json = Encoding.UTF8.GetString(Serializer.Serialize(parsed));
        Assert.Contains("\"sentiment\":{\"score\":0.8,\"labels\":[\"happy\"]}", json, StringComparison.Ordinal);
        Assert.Contains("\"team_role\":\"lead\"", json, StringComparison.Ordinal);
        Assert.Contains("\"delivery_attempt\":3", json, StringComparison.Ordinal);
        Assert.Equal(parsed, Serializer.Parse(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Equality_DiffersWhenAnUnknownFieldDiffers()
    {
        var a = Serializer.Parse("""{"event":"call.missed","call_id":"c1","extra":{"a":1}}"""u8);
        var b = Serializer.Parse("""{"event":"call.missed","call_id":"c1","extra":{"a":2}}"""u8);
        var c = Serializer.Parse("""{"call_id":"c1","extra":{"a":1},"event":"Missed Call"}"""u8);

        Assert.NotEqual(a, b);
        Assert.Equal(a, c);
    }

    [Theory]
    [InlineData("""{"event":"call.transferred","id":"e9","data":{"call_id":"c1","to":"+1555"}}""", "call.transferred")]
    [InlineData("""{"event":"Ticket Escalated","ticket_id":"t1"}""", "Ticket Escalated")]
    public void Parse_UnknownEventType_KeepsTypeStringRawJsonAndProperties(string json, string type)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        var parsed = Serializer.Parse(bytes);
        var evt = Assert.IsType<UnknownLimeCallEvent>(parsed.Data);

        Assert.Equal(type, parsed.Type);
        Assert.Equal(type, parsed.ReceivedType);
        Assert.Equal(bytes, parsed.RawJson.ToArray());
        Assert.NotEmpty(evt.AdditionalProperties!);
        Assert.DoesNotContain("event", evt.AdditionalProperties!.Keys);
        Assert.Equal(parsed, Serializer.Parse(Serializer.Serialize(parsed)));
    }

    [Fact]
    public void Parse_Utf8ByteOrderMark_IsAccepted()
    {
        var evt = Serializer.Parse([0xEF, 0xBB, 0xBF, .. """{"event":"call.missed"}"""u8]);

        Assert.Equal("call.missed", evt.Type);
    }

    [Fact]
    public void Parse_SegmentedSequence_EqualsSpan()
    {
        var bytes = EventFixtures.Read("call.completed.enveloped.json");

        var fromSpan = Serializer.Parse(bytes);
        var fromSequence = Serializer.Parse(SegmentedSequence.Create(bytes, 13));

        Assert.Equal(fromSpan, fromSequence);
        Assert.True(Serializer.TryParse(SegmentedSequence.Create(bytes, 7), out var tried, out var error));
        Assert.Equal((fromSpan, LimeCallPayloadError.None), (tried, error));
    }

    [Theory]
    [InlineData("", LimeCallPayloadError.Empty)]
    [InlineData("  \r\n\t", LimeCallPayloadError.Empty)]
    [InlineData("[]", LimeCallPayloadError.NotAnObject)]
    [InlineData("\"call.missed\"", LimeCallPayloadError.NotAnObject)]
    [InlineData("42", LimeCallPayloadError.NotAnObject)]
    [InlineData("{", LimeCallPayloadError.NotJson)]
    [InlineData("{\"event\":\"call.missed\"", LimeCallPayloadError.NotJson)]
    [InlineData("{\"event\":\"call.missed\"} trailing", LimeCallPayloadError.NotJson)]
    [InlineData("{\"event\":\"call.missed\"}{}", LimeCallPayloadError.NotJson)]
    [InlineData("{'event':'call.missed'}", LimeCallPayloadError.NotJson)]
    [InlineData("{\"event\":\"call.missed\",}", LimeCallPayloadError.NotJson)]
    [InlineData("event=call.missed&call_id=1", LimeCallPayloadError.NotJson)]
    [InlineData("{}", LimeCallPayloadError.TypeMissing)]
    [InlineData("{\"event\":\"\"}", LimeCallPayloadError.TypeMissing)]
    [InlineData("{\"event\":\"   \"}", LimeCallPayloadError.TypeMissing)]
    [InlineData("{\"event\":42}", LimeCallPayloadError.TypeMissing)]
    [InlineData("{\"event\":null,\"data\":{}}", LimeCallPayloadError.TypeMissing)]
    [InlineData("{\"data\":{\"event\":\"call.missed\"}}", LimeCallPayloadError.TypeMissing)]
    public void Parse_BadPayload_FailsWithTheDocumentedError(string json, LimeCallPayloadError expected)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        var ex = Assert.Throws<LimeCallPayloadException>(() => Serializer.Parse(bytes));

        Assert.Equal(expected, ex.Error);
        Assert.False(Serializer.TryParse(bytes, out var evt, out var error));
        Assert.Null(evt);
        Assert.Equal(expected, error);
        Assert.IsAssignableFrom<LimeCallException>(ex);
    }

    [Fact]
    public void Parse_NestingPastTheLimit_IsTooDeepWithoutRecursing()
    {
        var deep = "{\"event\":\"call.missed\",\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}";
        var justInside = "{\"event\":\"call.missed\",\"data\":{\"x\":" + new string('[', 30) + new string(']', 30) + "}}";

        Assert.Equal(LimeCallPayloadError.TooDeep, Assert.Throws<LimeCallPayloadException>(() => Serializer.Parse(Encoding.UTF8.GetBytes(deep))).Error);
        Assert.Equal("call.missed", Serializer.Parse(Encoding.UTF8.GetBytes(justInside)).Type);
        Assert.Equal(
            LimeCallPayloadError.TooDeep,
            Assert.Throws<LimeCallPayloadException>(() => new LimeCallEventSerializer(new() { MaxDepth = 4 }).Parse(Encoding.UTF8.GetBytes(justInside))).Error);
    }

    [Fact]
    public void Parse_DeeperLimitThanTheDefaultSerializerDepth_StillParsesWithinIt()
    {
        var serializer = new LimeCallEventSerializer(new() { MaxDepth = 200 });
        var json = "{\"event\":\"call.missed\",\"data\":{\"x\":" + new string('[', 150) + new string(']', 150) + "}}";

        var evt = serializer.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(JsonValueKind.Array, evt.Data.AdditionalProperties!["x"].ValueKind);
    }

    [Fact]
    public void Parse_PayloadOverTheSizeLimit_IsTooLargeBeforeReading()
    {
        var serializer = new LimeCallEventSerializer(new() { MaxPayloadBytes = 64 });
        var big = Encoding.UTF8.GetBytes("{\"event\":\"call.missed\",\"pad\":\"" + new string('x', 100) + "\"}");

        Assert.Equal(LimeCallPayloadError.TooLarge, Assert.Throws<LimeCallPayloadException>(() => serializer.Parse(big)).Error);
        Assert.Equal(LimeCallPayloadError.TooLarge, Assert.Throws<LimeCallPayloadException>(() => serializer.Parse(new ReadOnlySequence<byte>(big))).Error);
        Assert.False(serializer.TryParse(big, out _, out var error));
        Assert.Equal(LimeCallPayloadError.TooLarge, error);
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0x65, 0x76, 0x65, 0x6E, 0x74, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D })] // {"event":"<invalid>"}
    [InlineData(new byte[] { 0x7B, 0x22, 0x65, 0x76, 0x65, 0x6E, 0x74, 0x22, 0x3A, 0x22, 0x78, 0x22, 0x2C, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D })] // unknown field with 0xFF
    public void Parse_InvalidUtf8_FailsWithADocumentedError(byte[] payload)
    {
        var ex = Assert.Throws<LimeCallPayloadException>(() => Serializer.Parse(payload));

        Assert.Contains(ex.Error, new[] { LimeCallPayloadError.NotJson, LimeCallPayloadError.InvalidValue });
    }

    [Fact]
    public void PayloadException_NeverEchoesThePayload()
    {
        var secretish = "{\"event\":\"call.missed\",\"caller_number\":\"+15550001111\" oops";

        var ex = Assert.Throws<LimeCallPayloadException>(() => Serializer.Parse(Encoding.UTF8.GetBytes(secretish)));

        Assert.DoesNotContain("15550001111", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("oops", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("oops", ex.ToString().Replace(ex.InnerException?.ToString() ?? "", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_NamesTheEventWithoutPayloadValues()
    {
        var evt = Serializer.Parse(EventFixtures.Read("call.missed.flat.seed-001.json"));

        var text = evt.ToString();
        var data = evt.Data.ToString();

        Assert.Contains("call.missed", text, StringComparison.Ordinal);
        Assert.DoesNotContain("+1234567890", text, StringComparison.Ordinal);
        Assert.Equal("CallMissedEvent", data);
        Assert.DoesNotContain("+1234567890", (evt.Data with { }).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void IdempotencyKey_WithoutId_IsStableForTheSameBytesAndDiffersForOthers()
    {
        var bytes = EventFixtures.Read("call.missed.flat.seed-001.json");

        var first = Serializer.Parse(bytes).IdempotencyKey;
        var retry = Serializer.Parse(bytes).IdempotencyKey;
        var other = Serializer.Parse(EventFixtures.Read("sms.received.flat.seed-001.json")).IdempotencyKey;

        Assert.Equal(first, retry);
        Assert.NotEqual(first, other);
        Assert.StartsWith("sha256:", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_EventBuiltInCode_WritesTheCanonicalEnvelope()
    {
        var evt = new LimeCallEvent(new CallCompletedEvent
        {
            CallId = "c1",
            Duration = 184,
            Agent = new LimeCallAgent { Id = "r1", Name = "Dana" },
        })
        {
            Id = "evt_1",
            Timestamp = new DateTimeOffset(2025, 1, 30, 15, 0, 0, TimeSpan.Zero),
        };

        var json = Encoding.UTF8.GetString(Serializer.Serialize(evt));

        Assert.Equal(
            """{"id":"evt_1","event":"call.completed","timestamp":"2025-01-30T15:00:00Z","data":{"duration":184,"call_id":"c1","agent":{"id":"r1","name":"Dana"}}}""",
            json);
        Assert.Equal(evt, Serializer.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Equal("evt_1", evt.IdempotencyKey);
        Assert.Equal("call.completed", evt.ReceivedType);
    }

    [Fact]
    public void Constructor_LimitsOutOfRange_Throw()
    {
        var ex = Assert.Throws<ArgumentException>(() => new LimeCallEventSerializer(new() { MaxDepth = 1 }));
        Assert.Contains("MaxDepth", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new LimeCallEventSerializer(new() { MaxDepth = 257 }));
        Assert.Contains("MaxPayloadBytes", Assert.Throws<ArgumentException>(() => new LimeCallEventSerializer(new() { MaxPayloadBytes = 0 })).Message, StringComparison.Ordinal);
        _ = new LimeCallEventSerializer(new() { MaxDepth = 2, MaxPayloadBytes = 64 * 1024 * 1024 });
        _ = new LimeCallEventSerializer(new() { MaxDepth = 256, MaxPayloadBytes = 1 });
        Assert.Throws<ArgumentNullException>(() => new LimeCallEventSerializer(null!));
    }
}
