using System.Collections.Concurrent;

namespace LimeCall.Sdk.Samples.Receiver;

/// <summary>Stands in for your database or message queue: where handlers put their side effects.</summary>
public sealed class FollowUps
{
    private readonly ConcurrentQueue<FollowUp> _items = new();

    /// <summary>Gets the follow-ups in the order they were added.</summary>
    public IReadOnlyCollection<FollowUp> Items => _items;

    /// <summary>Adds a follow-up.</summary>
    /// <param name="followUp">The follow-up.</param>
    public void Add(FollowUp followUp) => _items.Enqueue(followUp);
}
