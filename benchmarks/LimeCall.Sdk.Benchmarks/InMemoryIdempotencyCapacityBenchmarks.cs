using System.Globalization;
using BenchmarkDotNet.Attributes;
using LimeCall.Sdk.Idempotency;

namespace LimeCall.Sdk.Benchmarks;

/// <summary>Claim + complete of new keys in an in-memory store that is full.</summary>
/// <remarks>
/// Every new key evicts the oldest completed one, as in a receiver that has run past its retention at the default
/// capacity. Measured against the same work on a store with room
/// (the floor: a fresh store, 1,000 keys per invocation). The store once scanned every entry for expired ones on each
/// claim of a full store: about 900x slower. At capacity 1,000 the full store has the floor's working set, so the row
/// shows the eviction's own cost; at 100,000 (the default) it also pays cache misses on a working set of megabytes.
/// </remarks>
[MemoryDiagnoser]
public class InMemoryIdempotencyCapacityBenchmarks
{
    private const int KeysPerInvoke = 1000;
    private static readonly TimeSpan Lease = IdempotentProcessorOptions.DefaultLeaseDuration;
    private static readonly TimeSpan Retention = IdempotentProcessorOptions.DefaultRetention;

    private InMemoryIdempotencyStore _full = null!;

    [Params(1_000, 100_000)]
    public int Capacity { get; set; }
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _full = new InMemoryIdempotencyStore(new() { Capacity = Capacity, SweepInterval = Timeout.InfiniteTimeSpan });
        for (var i = 0; i < Capacity; i++)
        {
            ClaimAndComplete(_full, NextKey());
        }

        if (_full.Count != Capacity)
        {
            throw new InvalidOperationException("The store is not full.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _full.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = KeysPerInvoke, Description = "Floor: claim + complete, store with room")]
    public int WithRoom()
    {
        using var store = new InMemoryIdempotencyStore(new() { Capacity = KeysPerInvoke, SweepInterval = Timeout.InfiniteTimeSpan });
        for (var i = 0; i < KeysPerInvoke; i++)
        {
            ClaimAndComplete(store, NextKey());
        }

        return store.Count;
    }

    [Benchmark(OperationsPerInvoke = KeysPerInvoke, Description = "claim + complete, full store (evicts the oldest)")]
    public int AtCapacity()
    {
        for (var i = 0; i < KeysPerInvoke; i++)
        {
            ClaimAndComplete(_full, NextKey());
        }

        return _full.Count;
    }

    private static void ClaimAndComplete(InMemoryIdempotencyStore store, IdempotencyKey key)
    {
        var claim = store.ClaimAsync(key, Lease).Completed();
        if (claim.Outcome != IdempotencyClaimOutcome.Acquired || !store.CompleteAsync(key, claim.Token, Retention).Completed())
        {
            throw new InvalidOperationException("A new key was not acquired and completed.");
        }
    }

    private IdempotencyKey NextKey() => new("bench", (++_next).ToString("D12", CultureInfo.InvariantCulture));
}
