using System.Collections.Concurrent;
using System.Globalization;

namespace LimeCall.Sdk.Samples.CallbackWorker;

/// <summary>What the worker did, for the sample to print.</summary>
public sealed class WorkerReport
{
    private readonly ConcurrentQueue<string> _lines = new();
    private int _leads;
    private int _callbacks;
    private int _rejected;
    private int _unexpected;

    /// <summary>Gets the number of leads LimeCall accepted.</summary>
    public int Leads => Volatile.Read(ref _leads);

    /// <summary>Gets the number of callbacks LimeCall accepted.</summary>
    public int Callbacks => Volatile.Read(ref _callbacks);

    /// <summary>Gets the number of sign-ups rejected before anything was sent.</summary>
    public int Rejected => Volatile.Read(ref _rejected);

    /// <summary>Gets the number of failures the sample did not expect.</summary>
    public int Unexpected => Volatile.Read(ref _unexpected);

    internal void Lead(string line) => Add(ref _leads, line);

    internal void Callback(string line) => Add(ref _callbacks, line);

    internal void Reject(string line) => Add(ref _rejected, line);

    internal void Fail(string line) => Add(ref _unexpected, line);

    /// <summary>Formats the report.</summary>
    /// <returns>One line per action, then the totals.</returns>
    public string Summary() => string.Join(Environment.NewLine, _lines) + Environment.NewLine + string.Create(
        CultureInfo.InvariantCulture,
        $"worker done: {Leads} lead(s) captured, {Callbacks} callback(s) requested, {Rejected} sign-up(s) rejected, {Unexpected} unexpected failure(s)");

    private void Add(ref int counter, string line)
    {
        Interlocked.Increment(ref counter);
        _lines.Enqueue(line);
    }
}
