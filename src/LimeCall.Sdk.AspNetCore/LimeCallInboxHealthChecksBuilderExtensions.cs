using LimeCall.Sdk.AspNetCore.Receiving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LimeCall.Sdk.AspNetCore;

/// <summary>Adds the durable inbox's health check.</summary>
public static class LimeCallInboxHealthChecksBuilderExtensions
{
    /// <summary>
    /// Checks the LimeCall inbox: Unhealthy (or <paramref name="failureStatus"/>) when it cannot be read, Degraded when its
    /// oldest unhandled event is older than <see cref="LimeCallInboxOptions.DegradedAfter"/>, Healthy otherwise. The data
    /// carries the counts and the oldest age.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status when the inbox cannot be read; Unhealthy when <see langword="null"/>.</param>
    /// <param name="tags">Tags to filter the check by (for example <c>ready</c>).</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddLimeCallInbox(this IHealthChecksBuilder builder, string name = "limecall-inbox", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return builder.AddCheck<LimeCallInboxHealthCheck>(name, failureStatus, tags ?? []);
    }
}
