using System.Collections.Concurrent;
using System.Diagnostics;

namespace LimeCall.Sdk.TestKit;

/// <summary>Records every activity of the SDK's source that stops while it lives (process-wide: filter by a tag of your own).</summary>
public sealed class ActivityCapture : IDisposable
{
    private readonly ActivityListener _listener;

    /// <summary>Starts listening to <see cref="LimeCallDiagnostics.Name"/>.</summary>
    public ActivityCapture()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LimeCallDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Gets the activities that stopped, in order.</summary>
    public ConcurrentQueue<Activity> Stopped { get; } = new();

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
