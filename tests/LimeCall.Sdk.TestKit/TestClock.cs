namespace LimeCall.Sdk.TestKit;

/// <summary>Where the tests' clocks start: the day of the product documents' samples, so sample timestamps read naturally.</summary>
public static class TestClock
{
    /// <summary>Gets 2025-01-30T15:00:00Z.</summary>
    public static DateTimeOffset Start { get; } = new(2025, 1, 30, 15, 0, 0, TimeSpan.Zero);
}
