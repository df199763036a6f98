using System.Text;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Tests.Webhooks.Events;

/// <summary>Tolerant scalar reading at the edges of each rule: where seconds become milliseconds, the calendar's ends, buffer sizes.</summary>
public sealed class TolerantValueEdgeTests
{
    private static readonly LimeCallEventSerializer Serializer = LimeCallEventSerializer.Default;

    [Theory]
    [InlineData("99999999999", 99_999_999_999_000)] // just under 10^11: seconds (the year 5138)
    [InlineData("100000000000", 100_000_000_000)] // 10^11 and above: milliseconds (1973)
    [InlineData("-9999999999", -9_999_999_999_000)]
    [InlineData("-100000000000", -100_000_000_000)]
    [InlineData("253402300799999", 253_402_300_799_999)] // the last millisecond of 9999-12-31
    [InlineData("-62135596800000", -62_135_596_800_000)] // the first millisecond of 0001-01-01
    public void Timestamp_UnixNumbers_SecondsBelowTenToTheElevenMillisecondsFrom_ToTheCalendarsEnds(string value, long expectedUnixMs)
        => Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedUnixMs), Timestamp(value));

    [Theory]
    [InlineData("253402300800000")] // one millisecond past the calendar
    [InlineData("-62135596800001")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"-Infinity\"")]
    public void Timestamp_OutsideTheCalendarOrNotANumber_IsNull(string value)
        => Assert.Null(Timestamp(value));

    [Fact]
    public void Timestamp_WrittenBack_IsIso8601WithZForUtcAndTheOffsetOtherwise()
    {
        var utc = new LimeCallEvent(new CallMissedEvent()) { Id = "e1", Timestamp = new DateTimeOffset(2025, 1, 30, 15, 0, 0, 500, TimeSpan.Zero) };
        var offset = new LimeCallEvent(new CallMissedEvent()) { Id = "e2", Timestamp = new DateTimeOffset(2025, 1, 30, 17, 0, 0, TimeSpan.FromHours(2)) };

        Assert.Equal("2025-01-30T15:00:00.5Z", WrittenTimestamp(utc));
        Assert.Equal("2025-01-30T17:00:00+02:00", WrittenTimestamp(offset));
    }

    [Theory]
    [InlineData("-2147483648", int.MinValue)]
    [InlineData("-2147483648.0", int.MinValue)]
    [InlineData("2147483647.0", int.MaxValue)]
    [InlineData("\"2147483647\"", int.MaxValue)]
    [InlineData("2147483648.0", null)]
    [InlineData("-2147483649.0", null)]
    [InlineData("5e-324", null)] // the smallest double above 0: not a whole number, however close
    public void Duration_AtTheEdgesOfAnInt_IsReadOrNull(string value, int? expected)
    {
        var evt = Serializer.Parse(Encoding.UTF8.GetBytes($$$"""{"event":"call.completed","data":{"duration":{{{value}}}}}"""));

        Assert.Equal(expected, ((CallCompletedEvent)evt.Data).Duration);
    }

    [Theory]
    [InlineData("\"             yes\"", true)] // 16 characters: the longest a boolean's text may be before trimming
    [InlineData("\"              yes\"", null)]
    [InlineData("\"this is not a yes or a no\"", null)]
    public void Boolean_LongText_IsReadWhenItFitsAndNullOtherwise_NeverAnError(string value, bool? expected)
    {
        var evt = Serializer.Parse(Encoding.UTF8.GetBytes($$$"""{"event":"lead.captured","data":{"is_auto":{{{value}}}}}"""));

        Assert.Equal(expected, ((LeadCapturedEvent)evt.Data).IsAutoCallback);
    }

    [Theory]
    [InlineData("false", "false")]
    [InlineData("true", "true")]
    public void CallId_SentAsABoolean_IsItsText(string value, string expected)
    {
        var evt = Serializer.Parse(Encoding.UTF8.GetBytes($$"""{"event":"call.missed","call_id":{{value}}}"""));

        Assert.Equal(expected, ((CallMissedEvent)evt.Data).CallId);
    }

    private static string? WrittenTimestamp(LimeCallEvent evt)
    {
        using var json = System.Text.Json.JsonDocument.Parse(Serializer.Serialize(evt));
        return json.RootElement.GetProperty("timestamp").GetString();
    }

    private static DateTimeOffset? Timestamp(string value)
        => Serializer.Parse(Encoding.UTF8.GetBytes($$"""{"event":"call.missed","timestamp":{{value}}}""")).Timestamp;
}
