using LimeCall.Sdk.AspNetCore.Receiving;
using LimeCall.Sdk.Inbox;
using LimeCall.Sdk.TestKit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LimeCall.Sdk.AspNetCore.Tests;

/// <summary>What the inbox health check reports for an inbox that keeps up, one that falls behind, and one that is down.</summary>
public sealed class InboxHealthCheckTests
{
    private readonly FakeTimeProvider _time = new(TestClock.Start);

    [Fact]
    public async Task KeepingUp_IsHealthyWithTheCounts()
    {
        var result = await CheckAsync(new PartialInbox(() => Statistics(oldest: _time.GetUtcNow().AddMinutes(-1))));

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal((3L, 1L, 2L), ((long)result.Data["pending"], (long)result.Data["leased"], (long)result.Data["dead_lettered"]));
    }

    [Fact]
    public async Task OldestUnhandledPastDegradedAfter_IsDegraded()
    {
        var result = await CheckAsync(new PartialInbox(() => Statistics(oldest: _time.GetUtcNow().AddMinutes(-6))));

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal(360.0, result.Data["oldest_age_seconds"]);
    }

    [Fact]
    public async Task Unreadable_IsTheRegistrationsFailureStatus()
    {
        var result = await CheckAsync(new PartialInbox(() => throw new InvalidOperationException("database down")));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.IsType<InvalidOperationException>(result.Exception);
    }

    [Fact]
    public async Task OldestUnhandledExactlyDegradedAfter_IsStillHealthy_AndSaysSo()
    {
        var result = await CheckAsync(new PartialInbox(() => Statistics(oldest: _time.GetUtcNow().AddMinutes(-5))));

        Assert.Equal((HealthStatus.Healthy, "The LimeCall inbox keeps up."), (result.Status, result.Description));
    }

    [Fact]
    public async Task Degraded_SaysHowLongTheOldestEventWaits()
    {
        var result = await CheckAsync(new PartialInbox(() => Statistics(oldest: _time.GetUtcNow().AddMinutes(-6))));

        Assert.Equal("The oldest unhandled LimeCall event waits for 360 s.", result.Description);
    }

    [Fact]
    public async Task ADatabaseTimeout_IsUnreadableNotACancelledCheck()
    {
        // A command timeout surfaces as an OperationCanceledException too; only the caller's own cancellation propagates.
        var result = await CheckAsync(new PartialInbox(() => throw new OperationCanceledException("command timeout")));

        Assert.Equal((HealthStatus.Unhealthy, "The LimeCall inbox cannot be read."), (result.Status, result.Description));
    }

    [Fact]
    public async Task TheCallersCancellation_Propagates()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var check = new LimeCallInboxHealthCheck(new PartialInbox(() => throw new OperationCanceledException(cancelled.Token)), Options.Create(new LimeCallInboxOptions()), _time);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => check.CheckHealthAsync(new HealthCheckContext { Registration = new("limecall-inbox", check, HealthStatus.Unhealthy, tags: null) }, cancelled.Token));
    }

    private static InboxStatistics Statistics(DateTimeOffset oldest)
        => new() { Pending = 3, Leased = 1, DeadLettered = 2, OldestUnhandledReceivedAt = oldest };

    private Task<HealthCheckResult> CheckAsync(IWebhookInbox inbox)
    {
        var check = new LimeCallInboxHealthCheck(inbox, Options.Create(new LimeCallInboxOptions()), _time);
        var registration = new HealthCheckRegistration("limecall-inbox", check, HealthStatus.Unhealthy, tags: null);
        return check.CheckHealthAsync(new HealthCheckContext { Registration = registration });
    }

    /// <summary>
    /// An inbox that answers only what a test gives it (statistics for the health check, an append outcome for the
    /// receiver) and refuses everything else, so a test that reaches further fails loudly.
    /// </summary>
    internal sealed class PartialInbox(Func<InboxStatistics>? statistics = null, InboxAppendOutcome? append = null) : IWebhookInbox
    {
        public ValueTask<InboxStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
            => statistics is null ? throw new NotSupportedException() : ValueTask.FromResult(statistics());

        public ValueTask<InboxAppendOutcome> AppendAsync(InboxMessage message, CancellationToken cancellationToken = default)
            => append is { } answer ? ValueTask.FromResult(answer) : throw new NotSupportedException();

        public ValueTask<IReadOnlyList<LeasedInboxEvent>> LeaseAsync(int maxCount, TimeSpan lease, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<bool> RenewAsync(LeasedInboxEvent leased, TimeSpan lease, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<bool> CompleteAsync(LeasedInboxEvent leased, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<bool> RetryLaterAsync(LeasedInboxEvent leased, TimeSpan delay, string lastError, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<bool> DeadLetterAsync(LeasedInboxEvent leased, string lastError, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<bool> ReleaseAsync(LeasedInboxEvent leased, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<IReadOnlyList<DeadLetteredEvent>> GetDeadLettersAsync(int maxCount, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<bool> RequeueAsync(long id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<int> RequeueAllAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<int> PurgeCompletedAsync(TimeSpan olderThan, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
