using LimeCall.Sdk.Webhooks;

namespace LimeCall.Sdk.Tests.Webhooks.Events;

/// <summary>
/// A receiver's time zone must not change what an event says: a timestamp without an offset is UTC on every machine.
/// These tests change the process's local time zone, so they run alone (see <see cref="ProcessWideState"/>).
/// </summary>
[Collection(ProcessWideState.Name)]
public sealed class LocalTimeZoneTests
{
    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    public void Parse_TimestampWithoutOffset_IsUtcWhateverTheLocalTimeZone(string zone)
    {
        using var local = LocalTimeZone.Set(zone);
        Assert.NotEqual(TimeSpan.Zero, TimeZoneInfo.Local.GetUtcOffset(new DateTime(2025, 1, 30, 15, 0, 0, DateTimeKind.Unspecified)));

        var evt = LimeCallEventSerializer.Default.Parse("""{"event":"call.missed","timestamp":"2025-01-30T15:00:00","data":{}}"""u8);

        Assert.Equal(new DateTimeOffset(2025, 1, 30, 15, 0, 0, TimeSpan.Zero), evt.Timestamp);
        Assert.Equal(TimeSpan.Zero, evt.Timestamp!.Value.Offset);
    }

    /// <summary>Sets the process's local time zone (through <c>TZ</c>, as on any Linux host) until disposed.</summary>
    private sealed class LocalTimeZone : IDisposable
    {
        private readonly string? _previous = Environment.GetEnvironmentVariable("TZ");

        private LocalTimeZone(string zone)
        {
            Environment.SetEnvironmentVariable("TZ", zone);
            TimeZoneInfo.ClearCachedData();
        }

        public static LocalTimeZone Set(string zone) => new(zone);

        public void Dispose()
        {
            Environment.SetEnvironmentVariable("TZ", _previous);
            TimeZoneInfo.ClearCachedData();
        }
    }
}
