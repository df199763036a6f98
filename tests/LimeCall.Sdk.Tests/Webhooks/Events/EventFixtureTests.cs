using System.Security.Cryptography;
using LimeCall.Sdk.Testing.Payloads;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Tests.Webhooks.Events;

/// <summary>Every fixture and every catalog sample parses to the right type, round-trips, and fails cleanly when cut short.</summary>
public sealed class EventFixtureTests
{
    public static TheoryData<string> Fixtures() => EventFixtures.Theory();

    public static TheoryData<int> Samples() => new(Enumerable.Range(0, LimeCallSamplePayloads.All.Count));

    [Fact]
    public void Fixtures_CoverEveryCanonicalTypeEnvelopedAndEverySeedFlatSample()
    {
        var names = EventFixtures.Names.ToList();

        Assert.All(LimeCallEventTypes.All, type => Assert.Contains($"{type}.enveloped.json", names));
        Assert.Equal(3, names.Count(n => n.EndsWith(".seed-001.json", StringComparison.Ordinal)));
        Assert.Equal(LimeCallEventTypes.All.Count, EventFixtures.ClrTypeByCanonicalType.Count);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Parse_Fixture_GivesTheTypedEventWithEnvelope(string fixture)
    {
        var bytes = EventFixtures.Read(fixture);
        var expectedType = EventFixtures.CanonicalType(fixture);

        var evt = LimeCallEventSerializer.Default.Parse(bytes);

        Assert.Equal(expectedType, evt.Type);
        Assert.IsType(EventFixtures.ClrTypeByCanonicalType[expectedType], evt.Data);
        Assert.NotNull(evt.Timestamp);
        Assert.Equal(bytes, evt.RawJson.ToArray());
        Assert.False(string.IsNullOrEmpty(evt.ReceivedType));
        if (fixture.Contains(".enveloped", StringComparison.Ordinal))
        {
            Assert.StartsWith("evt_", evt.Id, StringComparison.Ordinal);
            Assert.Equal(evt.Id, evt.IdempotencyKey);
        }
        else
        {
            Assert.Null(evt.Id);
            Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), evt.IdempotencyKey);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Serialize_ThenParse_GivesAnEqualEvent(string fixture)
    {
        var evt = LimeCallEventSerializer.Default.Parse(EventFixtures.Read(fixture));

        var canonical = LimeCallEventSerializer.Default.Serialize(evt);
        var again = LimeCallEventSerializer.Default.Parse(canonical);

        Assert.Equal(evt, again);
        Assert.Equal(evt.GetHashCode(), again.GetHashCode());
        Assert.Equal(canonical, LimeCallEventSerializer.Default.Serialize(again));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void TryParse_EveryTruncationOfFixture_FailsCleanlyUntilTheObjectIsWhole(string fixture)
    {
        var bytes = EventFixtures.Read(fixture);
        var objectEnd = Array.LastIndexOf(bytes, (byte)'}') + 1;

        for (var length = 0; length < bytes.Length; length++)
        {
            var ok = LimeCallEventSerializer.Default.TryParse(bytes.AsSpan(0, length), out var evt, out var error);
            if (length < objectEnd)
            {
                Assert.False(ok, $"a {length}-byte prefix parsed");
                Assert.Contains(error, new[] { LimeCallPayloadError.Empty, LimeCallPayloadError.NotJson });
                var ex = Assert.Throws<LimeCallPayloadException>(() => LimeCallEventSerializer.Default.Parse(bytes.AsSpan(0, length)));
                Assert.Equal(error, ex.Error);
            }
            else
            {
                Assert.True(ok);
                Assert.Equal(EventFixtures.CanonicalType(fixture), evt!.Type);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Parse_CatalogSample_GivesItsTypeAndRoundTrips(int index)
    {
        var sample = LimeCallSamplePayloads.All[index];

        var evt = LimeCallEventSerializer.Default.Parse(sample.Utf8Json.Span);

        Assert.Equal(sample.EventType, evt.Type);
        Assert.IsType(EventFixtures.ClrTypeByCanonicalType[sample.EventType], evt.Data);
        Assert.Equal(evt, LimeCallEventSerializer.Default.Parse(LimeCallEventSerializer.Default.Serialize(evt)));
        Assert.Same(sample, LimeCallSamplePayloads.Get(sample.EventType, sample.Shape));
    }

    [Fact]
    public void SamplePayloads_HaveEveryCanonicalTypeEnvelopedAndTheDocumentedFlatOnes()
    {
        Assert.Equal(LimeCallEventTypes.All, LimeCallSamplePayloads.All.Where(s => s.Shape == LimeCallPayloadShape.Enveloped).Select(s => s.EventType).Order(StringComparer.Ordinal));
        Assert.Equal(
            new[] { LimeCallEventTypes.CallCompleted, LimeCallEventTypes.CallMissed, LimeCallEventTypes.CallStatusUpdated, LimeCallEventTypes.VoicemailReceived, LimeCallEventTypes.SmsReceived }.Order(StringComparer.Ordinal),
            LimeCallSamplePayloads.All.Where(s => s.Shape == LimeCallPayloadShape.Flat).Select(s => s.EventType).Order(StringComparer.Ordinal));
        Assert.Same(LimeCallSamplePayloads.Get("missed_call", LimeCallPayloadShape.Flat), LimeCallSamplePayloads.Get("call.missed", LimeCallPayloadShape.Flat));
        Assert.Throws<ArgumentException>(() => LimeCallSamplePayloads.Get("call.started", LimeCallPayloadShape.Flat));
        Assert.Throws<ArgumentException>(() => LimeCallSamplePayloads.Get("no.such.event"));
    }
}
