using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using LimeCall.Sdk.Idempotency;

namespace LimeCall.Sdk.Benchmarks;

/// <summary>
/// Claim + complete per key in the in-memory store, against the floor most receivers write by hand: a
/// <see cref="ConcurrentDictionary{TKey, TValue}"/> "seen" set, which is cheaper because it cannot tell a
/// failed attempt from a done one. With 4 threads every key is claimed by all of them at once.
/// </summary>
[MemoryDiagnoser]
public class InMemoryIdempotencyBenchmarks
{
    private const int KeysPerInvoke = 1000;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private readonly IdempotencyKey[] _keys = Enumerable.Range(0, KeysPerInvoke).Select(i => new IdempotencyKey("bench", $"evt_{i:D8}")).ToArray();
    private readonly string[] _plainKeys = Enumerable.Range(0, KeysPerInvoke).Select(i => $"bench/evt_{i:D8}").ToArray();

    [Params(1, 4)]
    public int Threads { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = KeysPerInvoke, Description = "Floor: ConcurrentDictionary seen-set")]
    public int Floor()
    {
        var seen = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var firsts = 0;
        RunOnThreads(() =>
        {
            foreach (var key in _plainKeys)
            {
                if (seen.TryAdd(key, true))
                {
                    Interlocked.Increment(ref firsts);
                }
            }
        });
        return firsts;
    }

    [Benchmark(OperationsPerInvoke = KeysPerInvoke, Description = "InMemoryIdempotencyStore claim + complete")]
    public int ClaimAndComplete()
    {
        using var store = new InMemoryIdempotencyStore(new() { SweepInterval = Timeout.InfiniteTimeSpan });
        var firsts = 0;
        RunOnThreads(() =>
        {
            foreach (var key in _keys)
            {
                var claim = store.ClaimAsync(key, Lease).Completed();
                if (claim.Outcome == IdempotencyClaimOutcome.Acquired)
                {
                    store.CompleteAsync(key, claim.Token, Retention).Completed();
                    Interlocked.Increment(ref firsts);
                }
            }
        });
        return firsts;
    }

    private void RunOnThreads(Action work)
    {
        if (Threads == 1)
        {
            work();
            return;
        }

        Task.WaitAll(Enumerable.Range(0, Threads).Select(_ => Task.Run(work)).ToArray());
    }
}
