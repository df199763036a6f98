using System.Collections.Concurrent;

namespace LimeCall.Receiver1;

/// <summary>The calls to return, by event: stands in for your CRM, database or queue.</summary>
public sealed class FollowUps
{
    private readonly ConcurrentDictionary<string, string?> _byEvent = new(StringComparer.Ordinal);

    public int Count => _byEvent.Count;

    public void Add(string eventKey, string? callId) => _byEvent[eventKey] = callId;
}
