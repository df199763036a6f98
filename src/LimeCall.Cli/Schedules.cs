using LimeCall.Sdk.Testing.Sender;

namespace LimeCall.Cli;

/// <summary>The retry schedules <c>--schedule</c> names, and <c>--fast</c>'s compression of them.</summary>
internal static class Schedules
{
    public static readonly string[] Names = ["limecall", "limephone", "call-center", "none"];

    // --fast: one minute becomes 100 ms, and no wait is longer than 5 s, so LimeCall's whole day of retries takes
    // seconds while the order and the growth of the waits stay recognisable.
    private const int FastFactor = 600;
    private static readonly TimeSpan FastCap = TimeSpan.FromSeconds(5);

    public static WebhookRetrySchedule Get(string name, bool fast)
    {
        var schedule = name switch
        {
            "limephone" => WebhookRetrySchedule.LimePhoneOutboundWebhooks,
            "call-center" => WebhookRetrySchedule.CallCenterPlatform,
            "none" => new WebhookRetrySchedule("no retries", [], WebhookRetryCondition.AnyFailure),
            _ => WebhookRetrySchedule.LimeCallWebhooks,
        };
        return fast && schedule.Delays.Count > 0
            ? new WebhookRetrySchedule(schedule.Name + ", fast", schedule.Delays.Select(Compress), schedule.RetryOn)
            : schedule;
    }

    private static TimeSpan Compress(TimeSpan delay)
    {
        var compressed = delay / FastFactor;
        return compressed < FastCap ? compressed : FastCap;
    }
}
