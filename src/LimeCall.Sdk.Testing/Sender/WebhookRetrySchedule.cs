namespace LimeCall.Sdk.Testing.Sender;

/// <summary>
/// How a sender retries: the delay before each retry, and which failures are retried. The presets are the
/// schedules the product documents state; custom schedules are allowed.
/// </summary>
public sealed class WebhookRetrySchedule
{
    /// <summary>Creates a schedule.</summary>
    /// <param name="name">A name for logs.</param>
    /// <param name="delays">The delay before retry 1, 2, ...; the number of delays is the number of retries.</param>
    /// <param name="retryOn">Which failures are retried.</param>
    /// <exception cref="ArgumentException">A delay is negative, or the name is empty.</exception>
    public WebhookRetrySchedule(string name, IEnumerable<TimeSpan> delays, WebhookRetryCondition retryOn)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(delays);
        Name = name;
        Delays = [.. delays];
        if (Delays.Any(d => d < TimeSpan.Zero))
        {
            throw new ArgumentException("Retry delays must not be negative.", nameof(delays));
        }

        RetryOn = retryOn;
    }

    /// <summary>
    /// Gets LimeCall's webhook schedule: retries after 1 minute, 5 minutes, 30 minutes, 2 hours and 24 hours;
    /// any non-2xx answer or no answer is retried; then the message is failed and can be redelivered by hand.
    /// </summary>
    public static WebhookRetrySchedule LimeCallWebhooks { get; } = new(
        "LimeCall webhooks",
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(24)],
        WebhookRetryCondition.AnyFailure);

    /// <summary>Gets LimePhone's outbound-webhook schedule: retries after 1, 5, 15 and 30 minutes; any failure is retried.</summary>
    public static WebhookRetrySchedule LimePhoneOutboundWebhooks { get; } = new(
        "LimePhone outbound webhooks",
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30)],
        WebhookRetryCondition.AnyFailure);

    /// <summary>Gets the call-center platform's schedule: retries after 1, 2 and 4 seconds (4 attempts); only connection errors and 5xx, never 4xx.</summary>
    public static WebhookRetrySchedule CallCenterPlatform { get; } = new(
        "Call-center platform",
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)],
        WebhookRetryCondition.TransportErrorsAndServerErrors);

    /// <summary>Gets the schedule's name.</summary>
    public string Name { get; }

    /// <summary>Gets the delay before each retry.</summary>
    public IReadOnlyList<TimeSpan> Delays { get; }

    /// <summary>Gets which failures are retried.</summary>
    public WebhookRetryCondition RetryOn { get; }

    /// <summary>Gets whether a failed attempt is retried (when retries remain).</summary>
    /// <param name="statusCode">The HTTP status, or <see langword="null"/> for a transport error or timeout.</param>
    /// <returns><see langword="true"/> when the schedule retries this failure.</returns>
    public bool ShouldRetry(int? statusCode) => statusCode switch
    {
        null => true,
        >= 200 and < 300 => false,
        >= 500 => true,
        _ => RetryOn == WebhookRetryCondition.AnyFailure,
    };

    /// <summary>Names the schedule.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}
