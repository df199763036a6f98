using System.Text;
using BenchmarkDotNet.Attributes;
using LimeCall.Sdk.Inbox;
using LimeCall.Sdk.PostgreSql;
using LimeCall.Sdk.TestKit;
using Npgsql;
using NpgsqlTypes;

namespace LimeCall.Sdk.Benchmarks;

/// <summary>
/// What the durable inbox costs on loopback PostgreSQL. The acknowledge path (<see cref="PostgreSqlWebhookInbox.AppendAsync"/>)
/// against its floor: a bare <c>INSERT … ON CONFLICT DO NOTHING</c> of the same row, same columns, one round trip (and the
/// same statement prepared, since the inbox prepares its own: the fair floor for it). The
/// drain path (lease a batch, complete each) against the same statements issued by hand without the ordering rules.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class InboxBenchmarks
{
    /// <summary>The stored event of every inbox benchmark.</summary>
    internal static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "{\"id\":\"evt_0\",\"event\":\"call.completed\",\"timestamp\":\"2025-01-30T15:00:00Z\",\"data\":{\"call_id\":\"call_8f2k1x\",\"duration\":184,\"outcome\":\"qualified\"}}");

    private const string FloorInsertSql =
        "INSERT INTO floor_inbox (namespace, key, event_type, ordering_key, occurred_at, sort_at, received_at, body, state, available_at) " +
        "VALUES (@namespace, @key, @event_type, @ordering_key, @now, @now, @now, @body, 1, @now) ON CONFLICT (namespace, key) DO NOTHING";

    private PostgreSqlServer _server = null!;
    private NpgsqlDataSource _dataSource = null!;
    private PostgreSqlWebhookInbox _inbox = null!; // the acknowledge rows' namespace
    private PostgreSqlWebhookInbox _drainInbox = null!; // the drain rows' namespace: acknowledged rows never sit in its way
    private long _next;

    [Params(1, 32)]
    public int Batch { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        (_server, _dataSource) = InboxBenchmarkDatabase.Start("floor_inbox");
        _inbox = new PostgreSqlWebhookInbox(_dataSource, new() { Namespace = "bench" });
        _drainInbox = new PostgreSqlWebhookInbox(_dataSource, new() { Namespace = "drain" });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _inbox.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _drainInbox.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _dataSource.Dispose();
        _server.DisposeAsync().GetAwaiter().GetResult();
    }

    [BenchmarkCategory("acknowledge")]
    [Benchmark(Baseline = true, Description = "Floor: INSERT ... ON CONFLICT DO NOTHING of the same row")]
    public async Task<int> FloorInsert()
    {
        var total = 0;
        for (var i = 0; i < Batch; i++)
        {
            await using var command = _dataSource.CreateCommand(FloorInsertSql);
            AddFloorRow(command);
            total += await command.ExecuteNonQueryAsync();
        }

        return total;
    }

    [BenchmarkCategory("acknowledge")]
    [Benchmark(Description = "Floor, prepared: the same INSERT prepared on its pooled connection, as the inbox does")]
    public async Task<int> FloorInsertPrepared()
    {
        var total = 0;
        for (var i = 0; i < Batch; i++)
        {
            await using var connection = await _dataSource.OpenConnectionAsync();
            await using var command = new NpgsqlCommand(FloorInsertSql, connection);
            AddFloorRow(command);
            await command.PrepareAsync();
            total += await command.ExecuteNonQueryAsync();
        }

        return total;
    }

    [BenchmarkCategory("acknowledge")]
    [Benchmark(Description = "Acknowledge path: AppendAsync (dedupe, one statement; NOTIFY off the path, at most one per 5 ms)")]
    public Task<int> Append() => AppendAsync(_inbox, sameCall: true); // the floor's row: same call, so the same index work

    /// <summary>The row the inbox's append stores, as the floor inserts it: same columns, same call.</summary>
    private void AddFloorRow(NpgsqlCommand command)
    {
        command.Parameters.Add(new NpgsqlParameter<string>("namespace", "bench"));
        command.Parameters.Add(new NpgsqlParameter<string>("key", "floor_" + Interlocked.Increment(ref _next)));
        command.Parameters.Add(new NpgsqlParameter<string>("event_type", "call.completed"));
        command.Parameters.Add(new NpgsqlParameter<string>("ordering_key", "call_8f2k1x"));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", NpgsqlDbType.TimestampTz) { TypedValue = DateTimeOffset.UtcNow });
        command.Parameters.Add(new NpgsqlParameter<byte[]>("body", NpgsqlDbType.Bytea) { TypedValue = Body });
    }

    private async Task<int> AppendAsync(PostgreSqlWebhookInbox inbox, bool sameCall)
    {
        var stored = 0;
        for (var i = 0; i < Batch; i++)
        {
            var n = Interlocked.Increment(ref _next);
            var outcome = await inbox.AppendAsync(new InboxMessage
            {
                Key = "evt_" + n,
                EventType = "call.completed",
                Body = Body,
                OrderingKey = sameCall ? "call_8f2k1x" : "call_" + n, // the drain's: each its own call, never held by ordering
                OccurredAt = DateTimeOffset.UtcNow,
            });
            stored += outcome == InboxAppendOutcome.Stored ? 1 : 0;
        }

        return stored;
    }

    [BenchmarkCategory("drain")]
    [Benchmark(Baseline = true, Description = "Drain floor: insert, lease with SKIP LOCKED, complete each, by hand, no ordering rules")]
    public async Task<int> FloorDrain()
    {
        await FloorInsert();
        var token = Guid.NewGuid();
        var ids = new List<long>(Batch);
        await using (var lease = _dataSource.CreateCommand(
            "UPDATE floor_inbox AS t SET state = 2, lease_token = @token, lease_expires_at = now() + interval '1 minute', attempts = t.attempts + 1 " +
            "FROM (SELECT id FROM floor_inbox WHERE namespace = 'bench' AND state = 1 AND available_at <= now() ORDER BY available_at, id LIMIT @max FOR UPDATE SKIP LOCKED) due " +
            "WHERE t.id = due.id RETURNING t.id, t.body"))
        {
            lease.Parameters.Add(new NpgsqlParameter<Guid>("token", token));
            lease.Parameters.Add(new NpgsqlParameter<int>("max", Batch));
            await using var reader = await lease.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetInt64(0));
                _ = reader.GetFieldValue<byte[]>(1);
            }
        }

        foreach (var id in ids)
        {
            await using var complete = _dataSource.CreateCommand("UPDATE floor_inbox SET state = 3, completed_at = now(), lease_token = NULL WHERE id = @id AND lease_token = @token");
            complete.Parameters.Add(new NpgsqlParameter<long>("id", id));
            complete.Parameters.Add(new NpgsqlParameter<Guid>("token", token));
            await complete.ExecuteNonQueryAsync();
        }

        return ids.Count;
    }

    [BenchmarkCategory("drain")]
    [Benchmark(Description = "Drain: append, lease a batch (ordering rules), complete each")]
    public async Task<int> DrainWithOrdering()
    {
        await AppendAsync(_drainInbox, sameCall: false); // the events to drain, as the floor inserts its own
        var leased = await _drainInbox.LeaseAsync(Batch, TimeSpan.FromMinutes(1));
        foreach (var leasedEvent in leased)
        {
            await _drainInbox.CompleteAsync(leasedEvent);
        }

        return leased.Count;
    }
}
