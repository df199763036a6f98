using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LimeCall.Sdk.AspNetCore.Diagnostics;

/// <summary>The receiver's activity source and instruments, on the shared <see cref="LimeCallDiagnostics.Name"/>.</summary>
internal sealed class ReceiverTelemetry
{
    public static ActivitySource ActivitySource => LimeCallDiagnostics.ActivitySource;

    public ReceiverTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(LimeCallDiagnostics.Name);
        Received = meter.CreateCounter<long>("limecall.webhooks.received", "{event}", "Webhook deliveries that passed authentication and parsing.");
        Rejected = meter.CreateCounter<long>("limecall.webhooks.rejected", "{request}", "Webhook requests rejected or not answered, by error.type.");
        Duplicates = meter.CreateCounter<long>("limecall.webhooks.duplicates", "{event}", "Deliveries of events already processed.");
        HandlerFailures = meter.CreateCounter<long>("limecall.webhooks.handler_failures", "{event}", "Deliveries whose handler threw (answered 500 for a retry).");
        HandlerDuration = meter.CreateHistogram<double>("limecall.webhooks.handler.duration", "s", "Time spent in handlers per delivery.");
        ConfigurationReloadFailures = meter.CreateCounter<long>("limecall.webhooks.configuration.reload_failures", "{reload}", "Changes to LimeCall:Webhooks that did not validate and were not applied.");
        InboxStored = meter.CreateCounter<long>("limecall.inbox.stored", "{event}", "Deliveries stored in the durable inbox and answered 202.");
        InboxProcessed = meter.CreateCounter<long>("limecall.inbox.processed", "{event}", "Inbox events whose handlers all succeeded.");
        InboxRetried = meter.CreateCounter<long>("limecall.inbox.retried", "{event}", "Inbox events given back to be tried again after a handler failed.");
        InboxDeadLettered = meter.CreateCounter<long>("limecall.inbox.dead_lettered", "{event}", "Inbox events dead-lettered after their last attempt.");
        meter.CreateObservableGauge("limecall.inbox.depth", () => Volatile.Read(ref _inboxDepth), "{event}", "Inbox events not yet handled (pending or leased), as last counted.");
        meter.CreateObservableGauge("limecall.inbox.oldest_age", () => Volatile.Read(ref _inboxOldestAgeSeconds), "s", "Age of the oldest inbox event not yet handled, as last counted.");
    }

    private long _inboxDepth;
    private double _inboxOldestAgeSeconds;

    public Counter<long> InboxStored { get; }

    public Counter<long> InboxProcessed { get; }

    public Counter<long> InboxRetried { get; }

    public Counter<long> InboxDeadLettered { get; }

    public void RecordInboxStatistics(Sdk.Inbox.InboxStatistics statistics, DateTimeOffset now)
    {
        Volatile.Write(ref _inboxDepth, statistics.Pending + statistics.Leased);
        Volatile.Write(ref _inboxOldestAgeSeconds, statistics.OldestUnhandledReceivedAt is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0);
    }

    public Counter<long> Received { get; }

    public Counter<long> Rejected { get; }

    public Counter<long> Duplicates { get; }

    public Counter<long> HandlerFailures { get; }

    public Histogram<double> HandlerDuration { get; }

    public Counter<long> ConfigurationReloadFailures { get; }
}
