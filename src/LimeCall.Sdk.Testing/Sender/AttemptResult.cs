namespace LimeCall.Sdk.Testing.Sender;

/// <summary>What one HTTP request of an attempt got back: a status, or the transport error (timeout, refused, ...).</summary>
internal readonly record struct AttemptResult(DateTimeOffset SentAt, TimeSpan Duration, int? Status, string? Error, string? Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public WebhookDeliveryAttempt ToAttempt(int number, AttemptPlan plan)
        => new()
        {
            Number = number,
            Trigger = plan.Trigger,
            ScheduledAt = plan.DueAt,
            SentAt = SentAt,
            Duration = Duration,
            StatusCode = Status,
            Error = Error,
            ResponseBody = Body,
            Faults = plan.Faults,
        };
}
