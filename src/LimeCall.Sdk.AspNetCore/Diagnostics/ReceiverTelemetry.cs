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
    }

    public Counter<long> Received { get; }

    public Counter<long> Rejected { get; }

    public Counter<long> Duplicates { get; }

    public Counter<long> HandlerFailures { get; }

    public Histogram<double> HandlerDuration { get; }

    public Counter<long> ConfigurationReloadFailures { get; }
}
