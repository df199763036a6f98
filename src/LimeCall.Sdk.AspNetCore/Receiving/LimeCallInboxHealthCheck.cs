using LimeCall.Sdk.Inbox;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>
/// Healthy while the inbox answers and keeps up; Degraded when its oldest unhandled event is older than
/// <see cref="LimeCallInboxOptions.DegradedAfter"/> (handlers failing or too slow); Unhealthy when it cannot be read.
/// </summary>
internal sealed class LimeCallInboxHealthCheck(IWebhookInbox inbox, IOptions<LimeCallInboxOptions> options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        InboxStatistics statistics;
        try
        {
            statistics = await inbox.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The LimeCall inbox cannot be read.", ex);
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["pending"] = statistics.Pending,
            ["leased"] = statistics.Leased,
            ["dead_lettered"] = statistics.DeadLettered,
        };
        var age = statistics.OldestUnhandledReceivedAt is { } oldest ? time.GetUtcNow() - oldest : TimeSpan.Zero;
        data["oldest_age_seconds"] = Math.Round(Math.Max(0, age.TotalSeconds), 1);
        return age > options.Value.DegradedAfter
            ? HealthCheckResult.Degraded($"The oldest unhandled LimeCall event waits for {age.TotalSeconds:F0} s.", data: data)
            : HealthCheckResult.Healthy("The LimeCall inbox keeps up.", data);
    }
}
