using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LimeCall.Sdk.Testing.Sender;
using LimeCall.Sdk.TestKit;
using LimeCall.Sdk.Webhooks.Events;
using Npgsql;
using Xunit.Abstractions;

namespace LimeCall.Sdk.Distribution.Tests;

/// <summary>
/// The durable inbox under a chaos rig, counted in PostgreSQL: 10,000 events through the reference sender to two receiver
/// processes (the scaled sample) on one database, with duplicates (some concurrent), handler failures, dropped connections,
/// and one process killed with SIGKILL mid-run and restarted. The ledger must show no event lost, no side effect doubled,
/// and every call's events handled in timestamp order unless flagged as arrived out of order.
/// </summary>
[RequiresPostgreSql]
public sealed class InboxSoakTests(PostgreSqlServer postgres, ITestOutputHelper output) : IClassFixture<PostgreSqlServer>
{
    private const string Secret = "whsec_soak";
    private const int Calls = 2_500;
    private const int EventsPerCall = 4;
    private const int Events = Calls * EventsPerCall;
    private const int TrickleEvents = 500;

    [StoreFact]
    public async Task TenThousandEvents_TwoInstancesOneKilledMidRun_NoneLostNoneDoubledEachCallInOrder()
    {
        var run = "soak" + Guid.NewGuid().ToString("N")[..8] + "_";
        var (portA, portB) = (FreePort(), FreePort());
        await using var a = Start("a", portA);
        ChildProcess b = Start("b", portB);
        try
        {
            await Task.WhenAll(a.ListeningAsync(), b.ListeningAsync());
            await using var ledger = await Ledger.ListenAsync(postgres.ConnectionString, run, Events);
            await using var sender = new LimeCallWebhookSender(new()
            {
                Secret = Secret,
                AttemptTimeout = TimeSpan.FromSeconds(10),
                Schedule = new WebhookRetrySchedule(
                    "soak: LimeCall's schedule in fractions of a second",
                    [.. new[] { 100, 200, 500, 1000, 2000, 2000, 3000, 5000, 5000, 5000 }.Select(ms => TimeSpan.FromMilliseconds(ms))],
                    WebhookRetryCondition.AnyFailure),
            });
            var started = Stopwatch.GetTimestamp();
            var messages = new List<WebhookMessage>(Events);
            for (var i = 0; i < Events; i++)
            {
                messages.Add(sender.Send(new Uri($"http://127.0.0.1:{(i % 2 == 0 ? portA : portB)}/webhooks/limecall"), Event(run, i), new() { Faults = Faults(i) }));
                if (i == Events / 2)
                {
                    b.Kill(); // mid-run, mid-handler, mid-transaction: a crash
                    await b.DisposeAsync();
                    b = Start("b", portB);
                    await b.ListeningAsync();
                }
            }

            await sender.WhenIdleAsync().WaitAsync(TimeSpan.FromMinutes(5));
            var acknowledgedIn = Stopwatch.GetElapsedTime(started);
            await ledger.AllArrivedAsync().WaitAsync(TimeSpan.FromMinutes(5));
            var handledIn = Stopwatch.GetElapsedTime(started);

            Assert.All(messages, m => Assert.Equal(WebhookMessageState.Delivered, m.State));
            var (rows, distinct, unflaggedInversions, flagged) = await ledger.CountAsync();
            Assert.Equal(Events, distinct); // none lost
            Assert.Equal(Events, rows); // none doubled: each side effect committed once
            Assert.Equal(0, unflaggedInversions); // each call in timestamp order, or flagged

            var burst = Percentiles(messages.SelectMany(m => m.Attempts).Where(x => x.StatusCode is 202 or 200).Select(x => x.Duration));
            var trickle = await AcknowledgeOneAtATimeAsync(sender, new Uri($"http://127.0.0.1:{portA}/webhooks/limecall"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Events} events ({messages.Sum(m => m.Attempts.Count)} HTTP attempts) acknowledged in {acknowledgedIn.TotalSeconds:F1} s, handled in {handledIn.TotalSeconds:F1} s " +
                $"({Events / handledIn.TotalSeconds:F0} events/s); acknowledgement under the burst (all sent at once, so mostly queueing) p50 {burst.P50:F1} ms, p99 {burst.P99:F1} ms; " +
                $"one at a time ({TrickleEvents} more, after the run) p50 {trickle.P50:F1} ms, p99 {trickle.P99:F1} ms; " +
                $"{flagged} handled out of order (flagged); instance b killed with SIGKILL at event {Events / 2} and restarted"));
        }
        finally
        {
            await b.DisposeAsync();
        }
    }

    /// <summary>
    /// The acknowledgement as a steady trickle of deliveries sees it: one event at a time, each sent when the last was
    /// answered, so no request waits behind another (the burst's latencies are queueing on 2 cores). Not counted in the ledger.
    /// </summary>
    private static async Task<(double P50, double P99)> AcknowledgeOneAtATimeAsync(LimeCallWebhookSender sender, Uri endpoint)
    {
        var run = "trickle" + Guid.NewGuid().ToString("N")[..8] + "_";
        var durations = new List<TimeSpan>(TrickleEvents);
        for (var i = 0; i < TrickleEvents; i++)
        {
            var message = sender.Send(endpoint, Event(run, i));
            Assert.Equal(WebhookMessageState.Delivered, await message.WhenFinishedAsync().WaitAsync(TimeSpan.FromSeconds(30)));
            durations.Add(message.Attempts[^1].Duration);
        }

        return Percentiles(durations);
    }

    private static (double P50, double P99) Percentiles(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.Select(d => d.TotalMilliseconds).Order().ToArray();
        return (sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.99)]);
    }

    /// <summary>Event <paramref name="i"/>: call i / 4, its step i % 4, one second apart; alternate events go to alternate instances.</summary>
    private static LimeCallEvent Event(string run, int i)
    {
        var (call, step) = (i / EventsPerCall, i % EventsPerCall);
        return new LimeCallEvent(new CallMissedEvent { CallId = $"{run}call_{call}", CallerNumber = "+1415555" + (call % 10_000).ToString("D4", CultureInfo.InvariantCulture) })
        {
            Id = $"{run}{call}_{step}",
            Timestamp = new DateTimeOffset(2025, 1, 30, 15, 0, 0, TimeSpan.Zero).AddSeconds(step),
        };
    }

    private static WebhookDeliveryFaults Faults(int i) => (i % 10) switch
    {
        < 3 => WebhookDeliveryFaults.Duplicate, // 30 %: both copies at once
        _ when i % 20 == 9 => WebhookDeliveryFaults.DropConnection, // 5 %
        _ => WebhookDeliveryFaults.None,
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private ChildProcess Start(string name, int port) => ChildProcess.Start(
        "dotnet",
        [Repository.SampleDll("LimeCall.Samples.ScaledReceiver"), "--urls", $"http://127.0.0.1:{port}"],
        Repository.SampleOutput("LimeCall.Samples.ScaledReceiver"),
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__LimeCall"] = postgres.ConnectionString,
            ["LimeCall__Webhooks__Secrets__0"] = Secret,
            ["Sample__InstanceName"] = name,
            ["Sample__HandlerWork"] = "00:00:00.001",
            ["Sample__FailFirstAttemptPercent"] = "20",
            ["Inbox__Concurrency"] = "8",
            ["Inbox__LeaseDuration"] = "00:00:03",
            ["Inbox__HoldWindow"] = "00:00:01",
            ["Inbox__PollInterval"] = "00:00:01",
            ["Inbox__RetryBaseDelay"] = "00:00:00.100",
            ["Inbox__MaxRetryDelay"] = "00:00:01",
            ["Inbox__MaxAttempts"] = "20",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information", // "Now listening on"
            ["Logging__LogLevel__LimeCall.Sdk"] = "None", // 20 % injected failures would flood the output
        });

    /// <summary>The follow-up rows of one run, watched through the NOTIFY each handler's transaction sends at commit.</summary>
    private sealed class Ledger : IAsyncDisposable
    {
        private readonly NpgsqlConnection _listener;
        private readonly NpgsqlDataSource _dataSource;
        private readonly string _run;
        private readonly int _expected;
        private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _stop = new();
        private Task _listening = Task.CompletedTask;

        private Ledger(NpgsqlDataSource dataSource, NpgsqlConnection listener, string run, int expected)
            => (_dataSource, _listener, _run, _expected) = (dataSource, listener, run, expected);

        public static async Task<Ledger> ListenAsync(string connectionString, string run, int expected)
        {
            var dataSource = NpgsqlDataSource.Create(connectionString);
            var ledger = new Ledger(dataSource, await dataSource.OpenConnectionAsync(), run, expected);
            ledger._listener.Notification += (_, e) =>
            {
                if (e.Payload.StartsWith(run, StringComparison.Ordinal) && ledger._seen.TryAdd(e.Payload, 0) && ledger._seen.Count == expected)
                {
                    ledger._all.TrySetResult();
                }
            };
            await using (var listen = new NpgsqlCommand("LISTEN follow_ups", ledger._listener))
            {
                await listen.ExecuteNonQueryAsync();
            }

            ledger._listening = Task.Run(async () =>
            {
                while (!ledger._stop.IsCancellationRequested)
                {
                    await ledger._listener.WaitAsync(ledger._stop.Token);
                }
            });
            return ledger;
        }

        public Task AllArrivedAsync() => _all.Task;

        public async Task<(long Rows, long Distinct, long UnflaggedInversions, long Flagged)> CountAsync()
        {
            await using var command = _dataSource.CreateCommand(
                "WITH mine AS (SELECT * FROM follow_ups WHERE starts_with(event_id, $1)), " +
                "ordered AS (SELECT occurred_at, out_of_order, lag(occurred_at) OVER (PARTITION BY call_id ORDER BY seq) AS before FROM mine) " +
                "SELECT (SELECT count(*) FROM mine), (SELECT count(DISTINCT event_id) FROM mine), " +
                "(SELECT count(*) FROM ordered WHERE before > occurred_at AND NOT out_of_order), (SELECT count(*) FROM mine WHERE out_of_order)");
            command.Parameters.Add(new() { Value = _run });
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _listening.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await _listener.DisposeAsync();
            await _dataSource.DisposeAsync();
            _stop.Dispose();
        }
    }
}
