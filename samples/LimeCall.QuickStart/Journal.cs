using System.Collections.Concurrent;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.QuickStart;

/// <summary>What the handlers did, for the quick start to print and check.</summary>
internal sealed class Journal
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentDictionary<string, LimeCallEvent> _timeline = new(StringComparer.Ordinal);
    private int _timelineRuns;
    private int _crmSyncs;
    private int _crmFailures;

    public TaskCompletionSource CallCompleted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyCollection<string> Lines => _lines;

    public IReadOnlyCollection<LimeCallEvent> Timeline => [.. _timeline.Values];

    public int TimelineRuns => Volatile.Read(ref _timelineRuns);

    public int CrmSyncs => Volatile.Read(ref _crmSyncs);

    public int CrmFailures => Volatile.Read(ref _crmFailures);

    /// <summary>
    /// Adds the event to the call's timeline, keyed by event id. When another handler of the same event fails,
    /// the receiver releases the event and LimeCall's retry runs every handler of it again: a handler's own
    /// side effect must therefore be an upsert by event id (as here), or live in one handler.
    /// </summary>
    public void Record(LimeCallEvent webhookEvent, CallEvent call)
    {
        Interlocked.Increment(ref _timelineRuns);
        var added = _timeline.TryAdd(webhookEvent.IdempotencyKey, webhookEvent);
        _lines.Enqueue($"{webhookEvent.Type,-15} call {call.CallId} for {call.CustomerNumber}"
            + (added ? string.Empty : " (run again by the retry: timeline row already there)"));
    }

    /// <summary>Returns <see langword="true"/> the first time: the CRM is "down" for the first sync.</summary>
    public bool CrmIsDown()
    {
        if (Interlocked.CompareExchange(ref _crmFailures, 1, 0) != 0)
        {
            return false;
        }

        _lines.Enqueue("CRM sync failed (CRM unavailable): the receiver answers 500 and LimeCall will retry");
        return true;
    }

    public void CrmSynced(CallCompletedEvent completed)
    {
        Interlocked.Increment(ref _crmSyncs);
        _lines.Enqueue($"CRM sync done for call {completed.CallId} ({completed.Duration} s, {completed.Outcome})");
        CallCompleted.TrySetResult();
    }
}
