using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.PostgreSql;
using LimeCall.Sdk.TestKit;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LimeCall.Sdk.Benchmarks;

/// <summary>
/// How fast the inbox's background processor drains a backlog with a handler that does nothing: 256 stored events (each
/// its own call, so the ordering rules are evaluated but never hold anything back) through 1 or 2 processors (each a host
/// of its own with its own connection pool, as two instances would be), leasing 1 or 32 at a time with as many running at
/// once. Each operation ends when the <c>limecall.inbox.processed</c> counter (counted after the event is marked handled)
/// reached 256. The floor issues the same statements by hand with the same parallelism: lease a batch with
/// <c>SKIP LOCKED</c> (no ordering rules), then complete each of the batch at once.
/// </summary>
[MemoryDiagnoser]
public class InboxProcessorDrainBenchmarks
{
    private const int Events = 256;
    private const string Namespace = "drain";

    private PostgreSqlServer _server = null!;
    private NpgsqlDataSource _setup = null!;
    private readonly List<IHost> _hosts = [];
    private readonly List<NpgsqlDataSource> _floorSources = [];
    private MeterListener _listener = null!;
    private long _processed;
    private TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _run;

    [Params(1, 2)]
    public int Instances { get; set; } = 1;

    [Params(1, 32)]
    public int Batch { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        (_server, _setup) = InboxBenchmarkDatabase.Start("floor_drain");

        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (string.Equals(instrument.Meter.Name, "LimeCall.Sdk", StringComparison.Ordinal) && string.Equals(instrument.Name, "limecall.inbox.processed", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            if (Interlocked.Add(ref _processed, value) == Events)
            {
                _drained.TrySetResult();
            }
        });
        _listener.Start();

        for (var i = 0; i < Instances; i++)
        {
            _hosts.Add(StartProcessor());
            _floorSources.Add(NpgsqlDataSource.Create(_server.ConnectionString));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var host in _hosts)
        {
            host.StopAsync().GetAwaiter().GetResult();
            host.Dispose();
        }

        foreach (var source in _floorSources)
        {
            source.Dispose();
        }

        _listener.Dispose();
        _setup.Dispose();
        _server.DisposeAsync().GetAwaiter().GetResult();
    }

    [IterationSetup]
    public void Fill()
    {
        // The backlog, for both rows (each drains its own table), stored before the clock starts and not yet due, so that
        // nothing takes it early; each operation starts by making it due (the same statement for both rows).
        _run++;
        _processed = 0;
        _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var table in (string[])["limecall_inbox", "floor_drain"])
        {
            using var fill = _setup.CreateCommand(
                $"INSERT INTO {table} (namespace, key, event_type, ordering_key, occurred_at, sort_at, received_at, body, state, available_at) " +
                "SELECT @namespace, 'evt_' || @run || '_' || g, 'call.completed', 'call_' || @run || '_' || g, now(), now(), now(), @body, 1, now() + interval '1 day' " +
                "FROM generate_series(1, @n) AS g");
            fill.Parameters.AddWithValue("namespace", Namespace);
            fill.Parameters.AddWithValue("run", _run);
            fill.Parameters.AddWithValue("body", InboxBenchmarks.Body);
            fill.Parameters.AddWithValue("n", Events);
            fill.ExecuteNonQuery();
        }
    }

    [Benchmark(Baseline = true, Description = "Floor: lease a batch (SKIP LOCKED) and complete each, by hand, per instance")]
    public async Task<int> FloorDrain()
    {
        await MakeDueAsync("floor_drain");
        var workers = new Task<int>[Instances];
        for (var i = 0; i < Instances; i++)
        {
            workers[i] = FloorWorkerAsync(_floorSources[i]);
        }

        var counts = await Task.WhenAll(workers);
        return counts.Sum();
    }

    [Benchmark(Description = "Processor: no-op handler, DI scope, parse, lease with ordering rules, complete")]
    public async Task<int> ProcessorDrain()
    {
        // Wake the idle processors as an append in another instance would, then wait for the counter.
        await MakeDueAsync("limecall_inbox");
        await using (var notify = _setup.CreateCommand("SELECT pg_notify('limecall_inbox', @namespace)"))
        {
            notify.Parameters.AddWithValue("namespace", Namespace);
            await notify.ExecuteNonQueryAsync();
        }

        await _drained.Task.WaitAsync(TimeSpan.FromMinutes(1));
        return Events;
    }

    private async Task MakeDueAsync(string table)
    {
        await using var due = _setup.CreateCommand($"UPDATE {table} SET available_at = now() WHERE namespace = @namespace AND state = 1");
        due.Parameters.AddWithValue("namespace", Namespace);
        await due.ExecuteNonQueryAsync();
    }

    private async Task<int> FloorWorkerAsync(NpgsqlDataSource source)
    {
        var done = 0;
        while (true)
        {
            var token = Guid.NewGuid();
            var ids = new List<long>(Batch);
            await using (var lease = source.CreateCommand(
                "UPDATE floor_drain AS t SET state = 2, lease_token = @token, lease_expires_at = now() + interval '1 minute', attempts = t.attempts + 1 " +
                "FROM (SELECT id FROM floor_drain WHERE namespace = @namespace AND state = 1 AND available_at <= now() ORDER BY available_at, id LIMIT @max FOR UPDATE SKIP LOCKED) due " +
                "WHERE t.id = due.id RETURNING t.id, t.body"))
            {
                lease.Parameters.AddWithValue("token", token);
                lease.Parameters.AddWithValue("namespace", Namespace);
                lease.Parameters.AddWithValue("max", Batch);
                await using var reader = await lease.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    ids.Add(reader.GetInt64(0));
                    _ = reader.GetFieldValue<byte[]>(1);
                }
            }

            if (ids.Count == 0)
            {
                return done;
            }

            await Task.WhenAll(ids.Select(id => CompleteAsync(source, id, token)));
            done += ids.Count;
        }
    }

    private static async Task CompleteAsync(NpgsqlDataSource source, long id, Guid token)
    {
        await using var complete = source.CreateCommand("UPDATE floor_drain SET state = 3, completed_at = now(), lease_token = NULL WHERE id = @id AND lease_token = @token");
        complete.Parameters.AddWithValue("id", id);
        complete.Parameters.AddWithValue("token", token);
        await complete.ExecuteNonQueryAsync();
    }

    private IHost StartProcessor()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddLimeCallPostgreSqlInbox(_server.ConnectionString, o => o.Namespace = Namespace);
        builder.Services.AddLimeCallWebhooks(o => o.Secrets.Add("whsec_benchmark_secret_0123456789"))
            .AddHandler<CallCompletedEvent, NoOpHandler>()
            .UseInbox(o =>
            {
                o.BatchSize = Batch;
                o.Concurrency = Batch;
                o.PollInterval = TimeSpan.FromMinutes(1); // woken by NOTIFY and finished runs, never by the poll
            });
        var host = builder.Build();
        host.StartAsync().GetAwaiter().GetResult();
        return host;
    }

    private sealed class NoOpHandler : ILimeCallWebhookHandler<CallCompletedEvent>
    {
        public Task HandleAsync(CallCompletedEvent data, LimeCallWebhookContext context) => Task.CompletedTask;
    }
}
