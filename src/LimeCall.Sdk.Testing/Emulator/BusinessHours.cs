namespace LimeCall.Sdk.Testing.Emulator;

/// <summary>When the emulated team takes calls; a callback due outside them is held until the next window opens.</summary>
public sealed class BusinessHours
{
    /// <summary>Gets or sets the opening time of day.</summary>
    /// <value>Default 09:00.</value>
    public TimeOnly Opens { get; set; } = new(9, 0);

    /// <summary>Gets or sets the closing time of day.</summary>
    /// <value>Default 17:00.</value>
    public TimeOnly Closes { get; set; } = new(17, 0);

    /// <summary>Gets or sets the days the team works.</summary>
    /// <value>Default Monday to Friday.</value>
    public IReadOnlySet<DayOfWeek> Days { get; set; } = new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };

    /// <summary>Gets or sets the team's time zone.</summary>
    /// <value>Default UTC.</value>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>Gets the earliest moment at or after <paramref name="at"/> that falls within business hours.</summary>
    /// <param name="at">The requested time.</param>
    /// <returns><paramref name="at"/> itself when open; otherwise the next opening.</returns>
    public DateTimeOffset NextOpenAt(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, TimeZone);
        for (var day = 0; day < 8; day++)
        {
            var date = DateOnly.FromDateTime(local.DateTime).AddDays(day);
            if (!Days.Contains(date.DayOfWeek))
            {
                continue;
            }

            var opens = Local(date, Opens);
            var closes = Local(date, Closes);
            if (local < closes)
            {
                return local < opens ? opens : at;
            }
        }

        throw new InvalidOperationException("Business hours have no open day.");
    }

    private DateTimeOffset Local(DateOnly date, TimeOnly time)
    {
        var wall = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(wall, TimeZone.GetUtcOffset(wall));
    }
}
