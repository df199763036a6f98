using System.Text;
using LimeCall.Sdk.Inbox;
using LimeCall.Sdk.TestKit;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace LimeCall.Sdk.PostgreSql.Tests;

/// <summary>What only the PostgreSQL inbox offers: completion inside the handler's transaction, NOTIFY, its own table.</summary>
[RequiresPostgreSql]
[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlWebhookInboxDatabaseTests(PostgreSqlServer server) : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private readonly string _namespace = "db-" + Guid.NewGuid().ToString("N")[..12];
    private NpgsqlDataSource _dataSource = null!;
    private PostgreSqlWebhookInbox _inbox = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(server.ConnectionString);
        _inbox = new PostgreSqlWebhookInbox(_dataSource, new() { Namespace = _namespace }, _time);
        await _inbox.EnsureSchemaAsync();
        await using var table = _dataSource.CreateCommand("CREATE TABLE IF NOT EXISTS crm_rows (event_key text PRIMARY KEY)");
        await table.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await _inbox.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    [StoreFact]
    public async Task CompleteInTheHandlersTransaction_RolledBack_LeavesNeitherTheSideEffectNorTheCompletion()
    {
        var leased = await AppendAndLeaseAsync("evt_rollback");

        await using (var connection = await _dataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await InsertCrmRowAsync(transaction, leased.Key);
            Assert.True(await _inbox.CompleteAsync(leased, transaction));
            await transaction.RollbackAsync(); // the process "dies" before commit
        }

        Assert.Equal(0, await CrmRowsAsync(leased.Key));
        _time.Advance(Lease);
        var again = Assert.Single(await _inbox.LeaseAsync(10, Lease)); // not done: another worker runs it again
        Assert.Equal(2, again.Attempt);
    }

    [StoreFact]
    public async Task CompleteInTheHandlersTransaction_Committed_CommitsBothExactlyOnce()
    {
        var leased = await AppendAndLeaseAsync("evt_commit");

        await using (var connection = await _dataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await InsertCrmRowAsync(transaction, leased.Key);
            Assert.True(await _inbox.CompleteAsync(leased, transaction));
            await transaction.CommitAsync();
        }

        _time.Advance(Lease * 2);
        Assert.Empty(await _inbox.LeaseAsync(10, Lease));
        Assert.Equal(1, await CrmRowsAsync(leased.Key));
    }

    [StoreFact]
    public async Task CompleteInTheHandlersTransaction_AfterTheLeaseWasTakenOver_SaysSoSoTheHandlerRollsBack()
    {
        var stale = await AppendAndLeaseAsync("evt_stale");
        _time.Advance(Lease);
        var current = Assert.Single(await _inbox.LeaseAsync(10, Lease));

        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        Assert.False(await _inbox.CompleteAsync(stale, transaction));
        await transaction.RollbackAsync();
        Assert.True(await _inbox.CompleteAsync(current));
    }

    [StoreFact]
    public async Task Append_Stored_NotifiesAtOnceThenOncePerIntervalForTheAppendsMeanwhile_DuplicatesNotAtAll_AndAtOnceAgainAfterAQuietInterval()
    {
        await using var listener = await _dataSource.OpenConnectionAsync();
        var received = new List<(string Channel, string Payload)>();
        listener.Notification += (_, e) =>
        {
            if (e.Payload == _namespace || e.Payload == "marker")
            {
                received.Add((e.Channel, e.Payload));
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN \"{_inbox.NotificationChannel}\"", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        var time = new SteppingTimeProvider(_time);
        await using var inbox = new PostgreSqlWebhookInbox(_dataSource, new() { Namespace = _namespace }, time);

        await inbox.AppendAsync(Message("evt_notify_1"));
        await WaitForNotificationsAsync(listener, received, 1); // the first: at once
        Assert.True(SpinWait.SpinUntil(() => time.NextTimerDueAt is not null, TimeSpan.FromSeconds(30)), "the interval's timer is armed");

        await inbox.AppendAsync(Message("evt_notify_2"));
        await inbox.AppendAsync(Message("evt_notify_3"));
        await inbox.AppendAsync(Message("evt_notify_1")); // a duplicate
        var firstIntervalEnds = time.NextTimerDueAt!.Value;
        Assert.True(time.AdvanceToNextTimer()); // the interval (5 ms by default) ends: one for the two appends made in it
        await WaitForNotificationsAsync(listener, received, 2);
        Assert.True(SpinWait.SpinUntil(() => time.NextTimerDueAt > firstIntervalEnds, TimeSpan.FromSeconds(30)), "the next interval's timer is armed");
        Assert.True(time.AdvanceToNextTimer()); // nothing was appended in this one
        await using (var marker = new NpgsqlCommand($"NOTIFY \"{_inbox.NotificationChannel}\", 'marker'", listener))
        {
            await marker.ExecuteNonQueryAsync(); // delivered in commit order: after anything the inbox sent before it
        }

        await WaitForNotificationsAsync(listener, received, 3);
        Assert.Equal([("limecall_inbox", _namespace), ("limecall_inbox", _namespace), ("limecall_inbox", "marker")], received);

        // After the quiet interval the notifier has stood down: the next append is announced at once again, without
        // waiting for a clock that nothing moves (an idle worker elsewhere would otherwise wait for its poll).
        await inbox.AppendAsync(Message("evt_notify_4"));
        await WaitForNotificationsAsync(listener, received, 4);
        Assert.Equal(("limecall_inbox", _namespace), received[3]);
    }

    [StoreFact]
    public async Task PrepareStatements_DecidesWhetherTheServerHoldsPreparedStatements()
    {
        // Off is for PgBouncer in transaction mode, where a statement prepared on one server connection is missing on
        // the next: it must really prepare nothing. One pooled connection, so the check runs in the inbox's session.
        foreach (var prepare in (bool[])[true, false])
        {
            await using var single = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server.ConnectionString) { MaxPoolSize = 1 }.ConnectionString);
            await using var inbox = new PostgreSqlWebhookInbox(single, new() { Namespace = $"{_namespace}-{prepare}", PrepareStatements = prepare }, _time);

            await inbox.AppendAsync(Message("evt_prepare"));
            Assert.Single(await inbox.LeaseAsync(10, Lease));

            await using var check = single.CreateCommand("SELECT count(*) FROM pg_prepared_statements");
            Assert.Equal(prepare, (long)(await check.ExecuteScalarAsync())! > 0);
        }
    }

    [StoreFact]
    public void NotificationInterval_OutOfRange_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new PostgreSqlWebhookInbox(_dataSource, new() { NotificationInterval = TimeSpan.FromSeconds(2) }));
        Assert.Throws<ArgumentException>(() => new PostgreSqlWebhookInbox(_dataSource, new() { NotificationInterval = TimeSpan.FromMilliseconds(-1) }));
    }

    [StoreFact]
    public async Task EnsureSchema_ACustomTable_IsCreatedAndUsedAndTheShippedScriptIsTheOneRun()
    {
        var table = "inbox_" + Guid.NewGuid().ToString("N")[..8];
        var custom = new PostgreSqlWebhookInbox(_dataSource, new() { TableName = table, Namespace = _namespace }, _time);

        await custom.EnsureSchemaAsync();
        await custom.EnsureSchemaAsync(); // twice: safe

        Assert.Equal(InboxAppendOutcome.Stored, await custom.AppendAsync(Message("evt_custom")));
        Assert.Single(await custom.LeaseAsync(10, Lease));
        Assert.Empty(await _inbox.LeaseAsync(10, Lease)); // another table
        var shipped = await File.ReadAllTextAsync(Path.Combine(LimeCall.Sdk.Tests.Shared.TestProject.Directory, "..", "..", "src", "LimeCall.Sdk.PostgreSql", "Sql", "create_inbox_table.sql"));
        Assert.Equal(shipped, PostgreSqlWebhookInbox.GetSchemaScript());
        await using var indexes = _dataSource.CreateCommand("SELECT count(*) FROM pg_indexes WHERE tablename = @t AND indexname LIKE @t || '\\_%\\_idx'");
        indexes.Parameters.AddWithValue("t", table);
        Assert.Equal(3L, await indexes.ExecuteScalarAsync());
    }

    [StoreFact]
    public async Task WaitForAppend_LooksOnceWhenItStartsListening_ThenWakesOnAnotherInstancesAppend_OnOneConnection()
    {
        var application = "listen-" + Guid.NewGuid().ToString("N")[..8];
        await using var listening = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server.ConnectionString) { ApplicationName = application }.ConnectionString);
        var waiter = new PostgreSqlWebhookInbox(listening, new() { Namespace = _namespace }, _time);

        // Appends made before anyone listened were not announced: the first wait ends once the LISTEN is in place.
        await waiter.WaitForAppendAsync(CancellationToken.None);
        var woken = waiter.WaitForAppendAsync(CancellationToken.None);
        Assert.False(woken.IsCompleted);
        await _inbox.AppendAsync(Message("evt_wake_" + _namespace)); // another instance, another data source: its NOTIFY

        await woken;
        var listeners = await CountAsync("SELECT count(*) FROM pg_stat_activity WHERE application_name = @a AND query LIKE 'LISTEN %'", application);
        Assert.Equal(1L, listeners);

        await waiter.DisposeAsync();
        await waiter.DisposeAsync(); // twice: harmless
        Assert.Throws<ObjectDisposedException>(() => { _ = waiter.WaitForAppendAsync(CancellationToken.None); }); // at once, not in the task
    }

    [StoreFact]
    public async Task AStatementThatFails_GivesItsConnectionBackToThePool()
    {
        // A table that does not exist (a wrong TableName, a missed migration): every call fails, none keeps a connection.
        await using var small = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server.ConnectionString) { MaxPoolSize = 1, Timeout = 5 }.ConnectionString);
        var missing = new PostgreSqlWebhookInbox(small, new() { TableName = "missing_" + Guid.NewGuid().ToString("N")[..8], Namespace = _namespace }, _time);

        for (var i = 0; i < 3; i++)
        {
            var ex = await Assert.ThrowsAsync<PostgresException>(() => missing.LeaseAsync(1, Lease).AsTask());
            Assert.Equal(PostgresErrorCodes.UndefinedTable, ex.SqlState);
        }
    }

    [StoreFact]
    public async Task AStatementThatFailsInTheCallersTransaction_LeavesTheCallersConnectionOpen()
    {
        var leased = await AppendAndLeaseAsync("evt_tx_fail");
        var missing = new PostgreSqlWebhookInbox(_dataSource, new() { TableName = "missing_" + Guid.NewGuid().ToString("N")[..8], Namespace = _namespace }, _time);
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        await Assert.ThrowsAsync<PostgresException>(() => missing.CompleteAsync(leased, transaction).AsTask());

        Assert.Equal(System.Data.ConnectionState.Open, connection.State); // the caller's to roll back and close
        await transaction.RollbackAsync();
        Assert.True(await _inbox.CompleteAsync(leased));
    }

    [StoreFact]
    public async Task NullArguments_AreRefusedByName()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var leased = await AppendAndLeaseAsync("evt_null_args");

        Assert.Equal("dataSource", Assert.Throws<ArgumentNullException>(() => new PostgreSqlWebhookInbox(null!, new())).ParamName);
        Assert.Equal("transaction", (await Assert.ThrowsAsync<ArgumentNullException>(() => _inbox.CompleteAsync(leased, null!).AsTask())).ParamName);
        Assert.Equal("delivery", (await Assert.ThrowsAsync<ArgumentNullException>(() => ((InboxDelivery)null!).CompleteInTransactionAsync(transaction).AsTask())).ParamName);
    }

    private async Task<long> CountAsync(string sql, string parameter)
    {
        await using var count = _dataSource.CreateCommand(sql);
        count.Parameters.AddWithValue("a", parameter);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task WaitForNotificationsAsync(NpgsqlConnection listener, List<(string Channel, string Payload)> received, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // a bound on a broken build, not a wait
        while (received.Count < count)
        {
            await listener.WaitAsync(timeout.Token);
        }
    }

    private static InboxMessage Message(string key)
        => new() { Key = key, EventType = "call.completed", Body = Encoding.UTF8.GetBytes($"{{\"id\":\"{key}\"}}") };

    private static async Task InsertCrmRowAsync(NpgsqlTransaction transaction, string key)
    {
        await using var insert = new NpgsqlCommand("INSERT INTO crm_rows (event_key) VALUES (@key)", transaction.Connection, transaction);
        insert.Parameters.AddWithValue("key", key);
        await insert.ExecuteNonQueryAsync();
    }

    private async Task<LeasedInboxEvent> AppendAndLeaseAsync(string key)
    {
        await _inbox.AppendAsync(Message(key + "_" + _namespace));
        return Assert.Single(await _inbox.LeaseAsync(10, Lease));
    }

    private async Task<long> CrmRowsAsync(string key)
    {
        await using var count = _dataSource.CreateCommand("SELECT count(*) FROM crm_rows WHERE event_key = @key");
        count.Parameters.AddWithValue("key", key);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
