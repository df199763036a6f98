using BenchmarkDotNet.Attributes;
using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.PostgreSql;
using LimeCall.Sdk.TestKit;
using Npgsql;

namespace LimeCall.Sdk.Benchmarks;

/// <summary>
/// What the PostgreSQL store costs per event on loopback: a first delivery is one claim statement and one
/// complete statement; a duplicate is one claim statement. The floor is two empty round trips
/// (<c>SELECT 1</c>), the least any two-statement protocol can cost.
/// </summary>
[MemoryDiagnoser]
public class PostgreSqlIdempotencyBenchmarks
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    private readonly IdempotencyKey _completed = new("bench", "completed");
    private PostgreSqlServer _server = null!;
    private NpgsqlDataSource _dataSource = null!;
    private PostgreSqlIdempotencyStore _store = null!;
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _server = new PostgreSqlServer();
        _server.InitializeAsync().GetAwaiter().GetResult();
        _dataSource = NpgsqlDataSource.Create(_server.ConnectionString);
        _store = new PostgreSqlIdempotencyStore(_dataSource, new());
        var claim = _store.ClaimAsync(_completed, Lease).AsTask().GetAwaiter().GetResult();
        _store.CompleteAsync(_completed, claim.Token, Retention).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _dataSource.Dispose();
        _server.DisposeAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "Floor: two SELECT 1 round trips")]
    public async Task<int> Floor()
    {
        var total = 0;
        for (var i = 0; i < 2; i++)
        {
            await using var command = _dataSource.CreateCommand("SELECT 1");
            total += (int)(await command.ExecuteScalarAsync())!;
        }

        return total;
    }

    [Benchmark(Description = "First delivery: claim + complete (2 statements)")]
    public async Task<bool> ClaimAndComplete()
    {
        var key = new IdempotencyKey("bench", "evt_" + Interlocked.Increment(ref _next));
        var claim = await _store.ClaimAsync(key, Lease);
        return await _store.CompleteAsync(key, claim.Token, Retention);
    }

    [Benchmark(Description = "Duplicate delivery: claim (1 statement)")]
    public async Task<IdempotencyClaimOutcome> DuplicateClaim() => (await _store.ClaimAsync(_completed, Lease)).Outcome;
}
