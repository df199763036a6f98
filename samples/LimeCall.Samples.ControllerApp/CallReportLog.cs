using System.Collections.Concurrent;

namespace LimeCall.Sdk.Samples.ControllerApp;

/// <summary>Stands in for the app's database.</summary>
public sealed class CallReportLog
{
    private readonly ConcurrentQueue<CallReport> _reports = new();

    /// <summary>Gets the stored reports.</summary>
    public IReadOnlyCollection<CallReport> Reports => _reports;

    /// <summary>Stores a report.</summary>
    /// <param name="report">The report.</param>
    public void Add(CallReport report) => _reports.Enqueue(report);
}
