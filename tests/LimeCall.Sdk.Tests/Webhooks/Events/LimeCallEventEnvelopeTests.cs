using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Tests.Webhooks.Events;

/// <summary>What the envelope promises: equality member by member, the ordering key, the idempotency key's rules.</summary>
public sealed class LimeCallEventEnvelopeTests
{
    private static readonly DateTimeOffset At = new(2025, 1, 30, 15, 0, 0, TimeSpan.Zero);

    public static TheoryData<LimeCallEvent> EachMemberDifferent()
    {
        var envelope = new Dictionary<string, JsonElement> { ["account"] = JsonElement.Parse("\"a1\"") };
        return
        [
            new LimeCallEvent(new CallMissedEvent { CallId = "c1" }) { Id = "e2", Timestamp = At, EnvelopeProperties = envelope },
            new LimeCallEvent(new CallCompletedEvent { CallId = "c1" }) { Id = "e1", Timestamp = At, EnvelopeProperties = envelope },
            new LimeCallEvent(new CallMissedEvent { CallId = "c1" }) { Id = "e1", Timestamp = At.AddSeconds(1), EnvelopeProperties = envelope },
            new LimeCallEvent(new CallMissedEvent { CallId = "c1" }) { Id = "e1", Timestamp = At },
            new LimeCallEvent(new CallMissedEvent { CallId = "c2" }) { Id = "e1", Timestamp = At, EnvelopeProperties = envelope },
        ];
    }

    [Theory]
    [MemberData(nameof(EachMemberDifferent))]
    public void Equality_DiffersWhenAnyOneMemberDiffers(LimeCallEvent other)
    {
        var envelope = new Dictionary<string, JsonElement> { ["account"] = JsonElement.Parse("\"a1\"") };
        var evt = new LimeCallEvent(new CallMissedEvent { CallId = "c1" }) { Id = "e1", Timestamp = At, EnvelopeProperties = envelope };
        var same = new LimeCallEvent(new CallMissedEvent { CallId = "c1" }) { Id = "e1", Timestamp = At, EnvelopeProperties = new Dictionary<string, JsonElement>(envelope) };

        Assert.True(evt.Equals(same));
        Assert.Equal(evt.GetHashCode(), same.GetHashCode());
        Assert.False(evt.Equals(other));
        Assert.False(other.Equals(evt));
        Assert.False(evt.Equals(null));
        Assert.False(evt.Equals((object)"e1"));
    }

    public static TheoryData<LimeCallAgent> AgentsDifferingInOneMember() =>
    [
        Agent() with { Id = "r2" }, Agent() with { Name = "Sam" }, Agent() with { Email = "sam@example.com" }, Agent() with { Phone = "+15550002" },
        Agent() with { AdditionalProperties = new Dictionary<string, JsonElement> { ["team"] = JsonElement.Parse("\"b\"") } },
    ];

    public static TheoryData<LimeCallLead> LeadsDifferingInOneMember() =>
    [
        Lead() with { Id = "l2" }, Lead() with { Name = "Sam" }, Lead() with { Email = "sam@example.com" }, Lead() with { Phone = "+15550002" },
        Lead() with { CompanyName = "Other" }, Lead() with { Source = "ads" }, Lead() with { AdditionalProperties = null },
    ];

    [Theory]
    [MemberData(nameof(AgentsDifferingInOneMember))]
    public void Agent_Equality_CoversEveryMember(LimeCallAgent other)
    {
        Assert.Equal(Agent(), Agent());
        Assert.NotEqual(Agent(), other);
        Assert.False(Agent().Equals(null));
    }

    [Theory]
    [MemberData(nameof(LeadsDifferingInOneMember))]
    public void Lead_Equality_CoversEveryMember(LimeCallLead other)
    {
        Assert.Equal(Lead(), Lead());
        Assert.NotEqual(Lead(), other);
        Assert.False(Lead().Equals(null));
    }

    [Theory]
    [InlineData("""{"event":"call.missed","call_id":""}""")]
    [InlineData("""{"event":"agent.assigned","call_id":""}""")]
    [InlineData("""{"event":"sms.received","message_id":""}""")]
    [InlineData("""{"event":"lead.captured","call_id":"c1"}""")]
    public void OrderingKey_IsNullWithoutAnIdToOrderBy(string json)
        => Assert.Null(LimeCallEventSerializer.Default.Parse(Encoding.UTF8.GetBytes(json)).OrderingKey);

    [Theory]
    [InlineData("""{"event":"call.missed","call_id":"c1"}""", "c1")]
    [InlineData("""{"event":"agent.assigned","call_id":"c2"}""", "c2")]
    [InlineData("""{"event":"sms.received","message_id":"m1"}""", "m1")]
    public void OrderingKey_IsTheCallOrMessageId(string json, string expected)
        => Assert.Equal(expected, LimeCallEventSerializer.Default.Parse(Encoding.UTF8.GetBytes(json)).OrderingKey);

    [Fact]
    public void IdempotencyKey_AnIdOfExactlyTheKeyLimit_IsKept_OneCharacterMoreIsHashed()
    {
        var atLimit = new string('i', IdempotencyKey.MaxValueLength);
        var over = atLimit + "i";

        Assert.Equal(atLimit, new LimeCallEvent(new CallMissedEvent()) { Id = atLimit }.IdempotencyKey);
        Assert.Equal("sha256-id:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(over))), new LimeCallEvent(new CallMissedEvent()) { Id = over }.IdempotencyKey);
    }

    [Fact]
    public void IdempotencyKey_AnIdWithAControlCharacter_IsHashed_SoNoStoreOrLogSeesIt()
    {
        var key = new LimeCallEvent(new CallMissedEvent()) { Id = "evt\n1" }.IdempotencyKey;

        Assert.Equal("sha256-id:" + Convert.ToHexStringLower(SHA256.HashData("evt\n1"u8)), key);
    }

    [Fact]
    public void IdempotencyKey_OfEventsBuiltInCodeWithoutId_HashesTheirContent()
    {
        var first = new LimeCallEvent(new CallMissedEvent { CallId = "c1" });
        var second = new LimeCallEvent(new CallMissedEvent { CallId = "c2" });

        Assert.NotEqual(first.IdempotencyKey, second.IdempotencyKey);
        Assert.Equal(new LimeCallEvent(new CallMissedEvent { CallId = "c1" }).IdempotencyKey, first.IdempotencyKey);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(LimeCallEventSerializer.Default.Serialize(first))), first.IdempotencyKey);
    }

    private static LimeCallAgent Agent() => new()
    {
        Id = "r1", Name = "Dana", Email = "dana@example.com", Phone = "+15550001",
        AdditionalProperties = new Dictionary<string, JsonElement> { ["team"] = JsonElement.Parse("\"a\"") },
    };

    private static LimeCallLead Lead() => new()
    {
        Id = "l1", Name = "John", Email = "john@example.com", Phone = "+15550001", CompanyName = "Acme", Source = "web",
        AdditionalProperties = new Dictionary<string, JsonElement> { ["utm"] = JsonElement.Parse("\"x\"") },
    };

    [Fact]
    public void Constructor_WithAType_RefusesNullData()
        => Assert.Throws<ArgumentNullException>(() => new LimeCallEvent("call.missed", null!));
}
