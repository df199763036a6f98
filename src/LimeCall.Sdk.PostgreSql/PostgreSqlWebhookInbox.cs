using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.Inbox;
using Npgsql;
using NpgsqlTypes;

namespace LimeCall.Sdk.PostgreSql;

/// <summary>
/// A durable webhook inbox in one PostgreSQL table, shared by every instance of a receiver: one statement appends and
/// deduplicates a delivery (then idle workers are woken: in this process at once, in others with <c>NOTIFY</c>), workers lease due events with
/// <c>FOR UPDATE SKIP LOCKED</c>, one call's events at a time and in order, and a handler can mark its event done inside
/// its own transaction (<see cref="CompleteAsync(LeasedInboxEvent, NpgsqlTransaction, CancellationToken)"/>), so a side
/// effect written to the same database commits exactly once.
/// </summary>
/// <remarks>Thread-safe. Create the table with <see cref="EnsureSchemaAsync"/> or the shipped script (<see cref="GetSchemaScript"/>).
/// Dispose it to stop the <c>LISTEN</c> connection <see cref="WaitForAppendAsync"/> opens.</remarks>
public sealed class PostgreSqlWebhookInbox : IWebhookInbox, IWebhookInboxSignal, IAsyncDisposable
{
    private const string DefaultTable = "limecall_inbox";
    private const short Pending = 1;
    private const short Leased = 2;
    private const short Handled = 3;
    private const short DeadLettered = 4;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly string _namespace;
    private readonly string _schema;
    private readonly string _table;
    private readonly InboxSql _sql;
    private readonly TimeSpan _notificationInterval;
    private readonly bool _prepare;
    private readonly SemaphoreSlim _appended = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task? _listening;
    private int _wakePending;
    private int _waking;

    /// <summary>Creates an inbox.</summary>
    /// <param name="dataSource">The database; its connections are pooled and shared.</param>
    /// <param name="options">Schema, table and namespace; read once.</param>
    /// <param name="timeProvider">The clock for leases, delays and ages; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    public PostgreSqlWebhookInbox(NpgsqlDataSource dataSource, PostgreSqlWebhookInboxOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        OptionsValidation.ThrowIfInvalid(new PostgreSqlWebhookInboxOptionsValidator(), options, nameof(options));
        _dataSource = dataSource;
        _time = timeProvider ?? TimeProvider.System;
        _namespace = options.Namespace;
        _schema = options.Schema;
        _table = options.TableName;
        _sql = new InboxSql($"\"{options.Schema}\".\"{options.TableName}\"");
        NotificationChannel = options.TableName;
        _notificationInterval = options.NotificationInterval;
        _prepare = options.PrepareStatements;
    }

    /// <summary>
    /// Gets the channel notified after stored appends (<c>LISTEN</c> on it to wake idle workers): the table's name. The
    /// payload is the inbox's namespace. A notification follows the commit of the append it announces and may announce
    /// several (see <see cref="PostgreSqlWebhookInboxOptions.NotificationInterval"/>); a duplicate notifies nobody.
    /// </summary>
    public string NotificationChannel { get; }

    /// <summary>Gets the SQL script that creates the table, as shipped in the package.</summary>
    /// <returns>The script, for the default table name.</returns>
    public static string GetSchemaScript() => PostgreSqlSchema.Read("create_inbox_table.sql");

    /// <summary>Creates the table and its indexes if they do not exist; safe to call from several instances at once.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the schema exists.</returns>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
        => PostgreSqlSchema.EnsureAsync(_dataSource, "create_inbox_table.sql", DefaultTable, _schema, _table, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<InboxAppendOutcome> AppendAsync(InboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrEmpty(message.Key) || message.Key.Length > IdempotencyKey.MaxValueLength || string.IsNullOrEmpty(message.EventType))
        {
            throw new ArgumentException($"A message needs a key of 1 to {IdempotencyKey.MaxValueLength} characters and an event type.", nameof(message));
        }
        var now = _time.GetUtcNow();
        var statement = await StatementAsync(
            _sql.Append,
            null,
            cancellationToken,
            new NpgsqlParameter<string>("namespace", _namespace),
            new NpgsqlParameter<string>("key", message.Key),
            new NpgsqlParameter<string>("event_type", message.EventType),
            new NpgsqlParameter("ordering_key", NpgsqlDbType.Text) { Value = (object?)NullIfEmpty(message.OrderingKey) ?? DBNull.Value },
            new NpgsqlParameter("occurred_at", NpgsqlDbType.TimestampTz) { Value = (object?)message.OccurredAt?.ToUniversalTime() ?? DBNull.Value },
            Time("sort_at", message.OccurredAt ?? now),
            Time("now", now),
            Time("available_at", message.NotBefore is { } notBefore && notBefore > now ? notBefore : now),
            new NpgsqlParameter<ReadOnlyMemory<byte>>("body", NpgsqlDbType.Bytea) { TypedValue = message.Body }).ConfigureAwait(false);
        await using (statement.ConfigureAwait(false))
        {
            if (await statement.Command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                return InboxAppendOutcome.Duplicate; // a duplicate wakes nobody
            }
        }

        // Committed (the statement ran on its own): wake this process's workers now, and other instances' shortly after.
        Signal();
        WakeOthers();
        return InboxAppendOutcome.Stored;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<LeasedInboxEvent>> LeaseAsync(int maxCount, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var now = _time.GetUtcNow();
        var token = IdempotencyClaimToken.NewToken();
        var expiresAt = now + lease;
        var statement = await StatementAsync(
            _sql.Lease,
            null,
            cancellationToken,
            new NpgsqlParameter<string>("namespace", _namespace),
            Time("now", now),
            Time("expires_at", expiresAt),
            new NpgsqlParameter<Guid>("token", token.ToGuid()),
            new NpgsqlParameter<int>("max", maxCount)).ConfigureAwait(false);
        await using (statement.ConfigureAwait(false))
        {
            var reader = await statement.Command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var leased = new List<LeasedInboxEvent>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    leased.Add(new LeasedInboxEvent
                    {
                        Id = reader.GetInt64(0),
                        Key = reader.GetString(1),
                        EventType = reader.GetString(2),
                        OrderingKey = reader.IsDBNull(3) ? null : reader.GetString(3),
                        OccurredAt = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                        ReceivedAt = reader.GetFieldValue<DateTimeOffset>(5),
                        Body = reader.GetFieldValue<byte[]>(6),
                        Attempt = reader.GetInt32(7),
                        ArrivedOutOfOrder = reader.GetBoolean(8),
                        LeaseToken = token,
                        LeaseExpiresAt = expiresAt,
                    });
                }

                // RETURNING has no order: hand the batch out in arrival order.
                leased.Sort(static (a, b) => a.Id.CompareTo(b.Id));
                return leased;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RenewAsync(LeasedInboxEvent leased, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return TransitionAsync(_sql.Renew, leased, null, cancellationToken, Time("expires_at", _time.GetUtcNow() + lease));
    }

    /// <inheritdoc />
    public ValueTask<bool> CompleteAsync(LeasedInboxEvent leased, CancellationToken cancellationToken = default)
        => TransitionAsync(_sql.Complete, leased, null, cancellationToken, Time("now", _time.GetUtcNow()));

    /// <summary>
    /// Marks a leased event handled inside the caller's transaction: commit it with the handler's own writes, and the event
    /// is done exactly when they are. If this returns <see langword="false"/> the lease was lost (another worker holds the
    /// event now): roll the transaction back.
    /// </summary>
    /// <param name="leased">The leased event.</param>
    /// <param name="transaction">An open transaction on this inbox's database.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the lease was lost.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public ValueTask<bool> CompleteAsync(LeasedInboxEvent leased, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return TransitionAsync(_sql.Complete, leased, transaction, cancellationToken, Time("now", _time.GetUtcNow()));
    }

    /// <inheritdoc />
    public ValueTask<bool> RetryLaterAsync(LeasedInboxEvent leased, TimeSpan delay, string lastError, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(lastError);
        return TransitionAsync(_sql.RetryLater, leased, null, cancellationToken, Time("available_at", _time.GetUtcNow() + delay), new NpgsqlParameter<string>("error", lastError));
    }

    /// <inheritdoc />
    public ValueTask<bool> DeadLetterAsync(LeasedInboxEvent leased, string lastError, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lastError);
        return TransitionAsync(_sql.DeadLetter, leased, null, cancellationToken, new NpgsqlParameter<string>("error", lastError));
    }

    /// <inheritdoc />
    public ValueTask<bool> ReleaseAsync(LeasedInboxEvent leased, CancellationToken cancellationToken = default)
        => TransitionAsync(_sql.Release, leased, null, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<DeadLetteredEvent>> GetDeadLettersAsync(int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var statement = await StatementAsync(
            _sql.DeadLetters, null, cancellationToken, new NpgsqlParameter<string>("namespace", _namespace), new NpgsqlParameter<int>("max", maxCount)).ConfigureAwait(false);
        await using (statement.ConfigureAwait(false))
        {
            var reader = await statement.Command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var dead = new List<DeadLetteredEvent>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    dead.Add(new DeadLetteredEvent
                    {
                        Id = reader.GetInt64(0),
                        Key = reader.GetString(1),
                        EventType = reader.GetString(2),
                        OrderingKey = reader.IsDBNull(3) ? null : reader.GetString(3),
                        ReceivedAt = reader.GetFieldValue<DateTimeOffset>(4),
                        Attempts = reader.GetInt32(5),
                        LastError = reader.IsDBNull(6) ? null : reader.GetString(6),
                    });
                }

                return dead;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> RequeueAsync(long id, CancellationToken cancellationToken = default)
        => await ExecuteAsync(_sql.RequeueOne, cancellationToken, new NpgsqlParameter<long>("id", id)).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public ValueTask<int> RequeueAllAsync(CancellationToken cancellationToken = default)
        => ExecuteAsync(_sql.RequeueAll, cancellationToken);

    /// <inheritdoc />
    public ValueTask<int> PurgeCompletedAsync(TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(olderThan, TimeSpan.Zero);
        return ExecuteAsync(_sql.Purge, cancellationToken, Time("cutoff", _time.GetUtcNow() - olderThan));
    }

    /// <inheritdoc />
    public async ValueTask<InboxStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        var statement = await StatementAsync(_sql.Statistics, null, cancellationToken, new NpgsqlParameter<string>("namespace", _namespace)).ConfigureAwait(false);
        await using (statement.ConfigureAwait(false))
        {
            var reader = await statement.Command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                return new InboxStatistics
                {
                    Pending = reader.GetInt64(0),
                    Leased = reader.GetInt64(1),
                    DeadLettered = reader.GetInt64(2),
                    OldestUnhandledReceivedAt = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                };
            }
        }
    }

    /// <summary>
    /// Completes when a delivery was stored in this inbox's namespace (by any instance) since the last call: the first call
    /// opens one connection that <c>LISTEN</c>s on <see cref="NotificationChannel"/>, reopened after a failure.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes on the signal.</returns>
    public Task WaitForAppendAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            _listening ??= Task.Run(ListenAsync, CancellationToken.None);
        }

        return _appended.WaitAsync(cancellationToken);
    }

    /// <summary>Closes the <c>LISTEN</c> connection, if one was opened.</summary>
    /// <returns>A task that completes when it is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        Task? listening;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
            listening = _listening;
        }

        if (listening is not null)
        {
            await listening.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
        _appended.Dispose();
    }

    private static NpgsqlParameter<DateTimeOffset> Time(string name, DateTimeOffset value)
        => new(name, NpgsqlDbType.TimestampTz) { TypedValue = value.ToUniversalTime() };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private async Task ListenAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                var connection = await _dataSource.OpenConnectionAsync(token).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    connection.Notification += (_, e) =>
                    {
                        if (string.Equals(e.Payload, _namespace, StringComparison.Ordinal))
                        {
                            Signal();
                        }
                    };
                    var listen = new NpgsqlCommand($"LISTEN \"{NotificationChannel}\"", connection);
                    await using (listen.ConfigureAwait(false))
                    {
                        await listen.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                    }

                    Signal(); // appends while no one listened were missed: let the workers look once
                    while (true)
                    {
                        await connection.WaitAsync(token).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The database went away: workers keep polling; listen again shortly.
            catch (Exception)
#pragma warning restore CA1031
            {
                await Task.Delay(TimeSpan.FromSeconds(1), _time, token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>
    /// Tells idle workers of other instances that an event was stored: one <c>NOTIFY</c>, off the acknowledge path, at once
    /// for the first append after a quiet spell and then at most one per <see cref="PostgreSqlWebhookInboxOptions.NotificationInterval"/>
    /// for the appends made meanwhile. Reason: <c>pg_notify</c> inside the insert's statement was measured at about 40 µs
    /// per acknowledgement (benchmarks/README.md); outside it and coalesced, a steady stream costs one notification per
    /// interval, not one per event. A lost notification only delays an event until the next poll.
    /// </summary>
    private void WakeOthers()
    {
        Volatile.Write(ref _wakePending, 1);
        if (Interlocked.CompareExchange(ref _waking, 1, 0) == 0)
        {
            _ = Task.Run(NotifyAsync, CancellationToken.None);
        }
    }

    private async Task NotifyAsync()
    {
        while (true)
        {
            while (Interlocked.Exchange(ref _wakePending, 0) == 1 && !_stopping.IsCancellationRequested)
            {
                try
                {
                    var notify = _dataSource.CreateCommand("SELECT pg_notify(@channel, @namespace)");
                    await using (notify.ConfigureAwait(false))
                    {
                        notify.Parameters.Add(new NpgsqlParameter<string>("channel", NotificationChannel));
                        notify.Parameters.Add(new NpgsqlParameter<string>("namespace", _namespace));
                        await notify.ExecuteNonQueryAsync(_stopping.Token).ConfigureAwait(false);
                    }

                    if (_notificationInterval > TimeSpan.Zero)
                    {
                        await Task.Delay(_notificationInterval, _time, _stopping.Token).ConfigureAwait(false); // appends meanwhile share the next
                    }
                }
#pragma warning disable CA1031 // Only a hint: other instances find the event when they next poll.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            }

            Volatile.Write(ref _waking, 0);
            // An append that came after the last exchange and saw _waking still set: it is ours to send.
            if (Volatile.Read(ref _wakePending) == 0 || Interlocked.CompareExchange(ref _waking, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private void Signal()
    {
        // At most one pending signal: workers lease everything due when they wake, however many appends woke them.
        try
        {
            if (_appended.CurrentCount == 0)
            {
                _appended.Release();
            }
        }
        catch (SemaphoreFullException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>One lease transition: only the lease's holder, and only while the event is leased.</summary>
    private async ValueTask<bool> TransitionAsync(string sql, LeasedInboxEvent leased, NpgsqlTransaction? transaction, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        ArgumentNullException.ThrowIfNull(leased);
        NpgsqlParameter[] holder =
        [
            new NpgsqlParameter<string>("namespace", _namespace),
            new NpgsqlParameter<long>("id", leased.Id),
            new NpgsqlParameter<Guid>("token", leased.LeaseToken.ToGuid()),
        ];
        var statement = await StatementAsync(sql, transaction, cancellationToken, [.. holder, .. parameters]).ConfigureAwait(false);
        await using (statement.ConfigureAwait(false))
        {
            return await statement.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
    }

    private async ValueTask<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        NpgsqlParameter[] common = [new NpgsqlParameter<string>("namespace", _namespace), Time("now", _time.GetUtcNow())];
        var statement = await StatementAsync(sql, null, cancellationToken, [.. common, .. parameters]).ConfigureAwait(false);
        await using (statement.ConfigureAwait(false))
        {
            return await statement.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One statement, prepared unless <see cref="PostgreSqlWebhookInboxOptions.PrepareStatements"/> is off.</summary>
    private ValueTask<PooledStatement> StatementAsync(string sql, NpgsqlTransaction? transaction, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
        => PooledStatement.OpenAsync(_dataSource, sql, transaction, _prepare, cancellationToken, parameters);

    /// <summary>The inbox's statements, for one table.</summary>
    private sealed class InboxSql(string t)
    {
        // Insert-or-nothing: one round trip, no more than the bare insert. The wake-up is not part of it (see WakeOthers).
        public string Append { get; } = $"""
            INSERT INTO {t} (namespace, key, event_type, ordering_key, occurred_at, sort_at, received_at, body, state, available_at)
            VALUES (@namespace, @key, @event_type, @ordering_key, @occurred_at, @sort_at, @now, @body, {Pending}, @available_at)
            ON CONFLICT (namespace, key) DO NOTHING
            RETURNING id
            """;

        // Due events nobody holds, skipping rows other workers are leasing right now. An ordered event waits while its key
        // has an earlier unhandled event (pending, retrying or leased) or any live lease; dead letters do not hold a key.
        public string Lease { get; } = $"""
            WITH due AS (
                SELECT i.id FROM {t} i
                WHERE i.namespace = @namespace
                  AND i.state IN ({Pending}, {Leased}) -- spelled out so the planner uses the partial index of due rows
                  AND i.available_at <= @now
                  AND (i.state = {Pending} OR i.lease_expires_at <= @now)
                  AND (i.ordering_key IS NULL OR NOT EXISTS (
                        SELECT 1 FROM {t} e
                        WHERE e.namespace = i.namespace AND e.ordering_key = i.ordering_key AND e.id <> i.id
                          AND ((e.state IN ({Pending}, {Leased}) AND (e.sort_at, e.id) < (i.sort_at, i.id))
                               OR (e.state = {Leased} AND e.lease_expires_at > @now))))
                ORDER BY i.available_at, i.id
                LIMIT @max
                FOR UPDATE SKIP LOCKED)
            UPDATE {t} AS t
            SET state = {Leased}, lease_token = @token, lease_expires_at = @expires_at, attempts = t.attempts + 1
            FROM due WHERE t.id = due.id
            RETURNING t.id, t.key, t.event_type, t.ordering_key, t.occurred_at, t.received_at, t.body, t.attempts,
                t.ordering_key IS NOT NULL AND EXISTS (
                    SELECT 1 FROM {t} d
                    WHERE d.namespace = t.namespace AND d.ordering_key = t.ordering_key AND d.state = {Handled}
                      AND (d.sort_at, d.id) > (t.sort_at, t.id))
            """;

        private string Holder { get; } = $"namespace = @namespace AND id = @id AND lease_token = @token AND state = {Leased}";

        public string Renew => $"UPDATE {t} SET lease_expires_at = @expires_at WHERE {Holder}";

        public string Complete => $"UPDATE {t} SET state = {Handled}, completed_at = @now, lease_token = NULL, lease_expires_at = NULL, last_error = NULL WHERE {Holder}";

        public string RetryLater => $"UPDATE {t} SET state = {Pending}, available_at = @available_at, last_error = @error, lease_token = NULL, lease_expires_at = NULL WHERE {Holder}";

        public string DeadLetter => $"UPDATE {t} SET state = {DeadLettered}, last_error = @error, lease_token = NULL, lease_expires_at = NULL WHERE {Holder}";

        // Untried: the attempt the lease counted is given back too.
        public string Release => $"UPDATE {t} SET state = {Pending}, attempts = attempts - 1, lease_token = NULL, lease_expires_at = NULL WHERE {Holder}";

        public string DeadLetters => $"SELECT id, key, event_type, ordering_key, received_at, attempts, last_error FROM {t} WHERE namespace = @namespace AND state = {DeadLettered} ORDER BY id LIMIT @max";

        public string RequeueOne => $"UPDATE {t} SET state = {Pending}, attempts = 0, available_at = @now, last_error = NULL WHERE namespace = @namespace AND id = @id AND state = {DeadLettered}";

        public string RequeueAll => $"UPDATE {t} SET state = {Pending}, attempts = 0, available_at = @now, last_error = NULL WHERE namespace = @namespace AND state = {DeadLettered}";

        public string Purge => $"DELETE FROM {t} WHERE namespace = @namespace AND state = {Handled} AND completed_at <= @cutoff";

        public string Statistics => $"""
            SELECT count(*) FILTER (WHERE state = {Pending}), count(*) FILTER (WHERE state = {Leased}),
                   count(*) FILTER (WHERE state = {DeadLettered}), min(received_at) FILTER (WHERE state IN ({Pending}, {Leased}))
            FROM {t} WHERE namespace = @namespace
            """;
    }
}
