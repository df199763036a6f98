namespace LimeCall.Sdk.Samples.CallbackWorker;

/// <summary>Feeds three sign-ups, one with a number that cannot be dialled, then closes the inbox.</summary>
public sealed class DemoSignups(SignupInbox inbox, TimeProvider time) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tomorrowMorning = new DateTimeOffset(time.GetUtcNow().Date.AddDays(1).AddHours(14), TimeSpan.Zero).ToOffset(TimeSpan.FromHours(-5));
        Signup[] signups =
        [
            new("Ada Lovelace", "+44", "20 7183 8750", "ada@example.com", CallAt: null),
            new("Grace Hopper", "+1", "(415) 555-0123", "grace@example.com", tomorrowMorning),
            new("Typo McTypo", "+1", "12", Email: null, CallAt: null),
        ];
        foreach (var signup in signups)
        {
            await inbox.Writer.WriteAsync(signup, stoppingToken);
        }

        inbox.Writer.Complete();
    }
}
