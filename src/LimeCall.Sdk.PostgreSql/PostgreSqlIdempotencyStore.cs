using LimeCall.Sdk.Idempotency;
using Npgsql;
using NpgsqlTypes;

namespace LimeCall.Sdk.PostgreSql;

/// <summary>
/// An <see cref="IIdempotencyStore"/> in PostgreSQL, shared by every instance of a receiver. Each
/// transition is one atomic statement, so two instances racing on a key never both acquire it.
/// </summary>
/// <remarks>
/// Times come from the injected <see cref="TimeProvider"/> (not the database clock), so leases and
/// retention behave the same in tests; instances should run with synchronised clocks, as any lease
/// scheme requires. Built on an <see cref="NpgsqlDataSource"/>, which pools connections; each statement is prepared on
/// the connection it runs on (see <see cref="PostgreSqlIdempotencyStoreOptions.PrepareStatements"/>). Thread-safe.
/// </remarks>
public sealed class PostgreSqlIdempotencyStore : IIdempotencyStore
{
    private const string DefaultTable = "limecall_idempotency";
    private const short InProgress = 1;
    private const short Completed = 2;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _timeProvider;
    private readonly string _schema;
    private readonly string _table;
    private readonly string _claimSql;
    private readonly string _renewSql;
    private readonly string _completeSql;
    private readonly string _releaseSql;
    private readonly string _deleteExpiredSql;
    private readonly bool _prepare;

    /// <summary>Creates a store.</summary>
    /// <param name="dataSource">The database; its connections are pooled and shared.</param>
    /// <param name="options">Schema and table; read once.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The schema or table name is not a plain identifier.</exception>
    public PostgreSqlIdempotencyStore(NpgsqlDataSource dataSource, PostgreSqlIdempotencyStoreOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        OptionsValidation.ThrowIfInvalid(new PostgreSqlIdempotencyStoreOptionsValidator(), options, nameof(options));

        _dataSource = dataSource;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _schema = options.Schema;
        _table = options.TableName;
        _prepare = options.PrepareStatements;
        var t = $"\"{options.Schema}\".\"{options.TableName}\"";

        // Claim: insert, or on conflict take the row over only if it has expired. The update always runs
        // (it rewrites the row unchanged when not expired) so RETURNING reports the row as it now stands,
        // read after waiting for any concurrent claimant: no second statement, no stale snapshot.
        _claimSql = $"""
            INSERT INTO {t} AS t (namespace, key, state, token, expires_at, updated_at)
            VALUES (@namespace, @key, {InProgress}, @token, @expires_at, @now)
            ON CONFLICT (namespace, key) DO UPDATE SET
                state      = CASE WHEN t.expires_at <= @now THEN {InProgress} ELSE t.state END,
                token      = CASE WHEN t.expires_at <= @now THEN EXCLUDED.token ELSE t.token END,
                expires_at = CASE WHEN t.expires_at <= @now THEN EXCLUDED.expires_at ELSE t.expires_at END,
                updated_at = CASE WHEN t.expires_at <= @now THEN EXCLUDED.updated_at ELSE t.updated_at END
            RETURNING t.token = @token, t.state, t.expires_at
            """;

        // Renew: only the claim's holder, and only while in progress (a lapsed lease nobody took over is still its own).
        _renewSql = $"UPDATE {t} SET expires_at = @expires_at, updated_at = @now WHERE namespace = @namespace AND key = @key AND token = @token AND state = {InProgress}";

        // Complete: only the claim's holder; if its expired lease was swept away, record the completion anyway.
        _completeSql = $"""
            INSERT INTO {t} AS t (namespace, key, state, token, expires_at, updated_at)
            VALUES (@namespace, @key, {Completed}, @token, @expires_at, @now)
            ON CONFLICT (namespace, key) DO UPDATE SET state = {Completed}, expires_at = EXCLUDED.expires_at, updated_at = EXCLUDED.updated_at
            WHERE t.token = @token AND t.state = {InProgress}
            """;

        _releaseSql = $"DELETE FROM {t} WHERE namespace = @namespace AND key = @key AND token = @token AND state = {InProgress}";
        _deleteExpiredSql = $"DELETE FROM {t} WHERE expires_at <= @now";
    }

    /// <summary>Gets the SQL script that creates the table, as shipped in the package.</summary>
    /// <returns>The script, for the default table name.</returns>
    public static string GetSchemaScript() => PostgreSqlSchema.Read("create_idempotency_table.sql");

    /// <summary>Creates the table and its index if they do not exist; safe to call from several instances at once.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the schema exists.</returns>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
        => PostgreSqlSchema.EnsureAsync(_dataSource, "create_idempotency_table.sql", DefaultTable, _schema, _table, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<IdempotencyClaim> ClaimAsync(IdempotencyKey key, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        IdempotencyKey.ThrowIfDefault(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        var now = _timeProvider.GetUtcNow();
        var token = IdempotencyClaimToken.NewToken();
        var statement = await StatementAsync(_claimSql, cancellationToken, Key(key, token, now, now + lease)).ConfigureAwait(false);
        await using (statement.ConfigureAwait(false))
        {
            var reader = await statement.Command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var acquired = reader.GetBoolean(0);
                var state = reader.GetInt16(1);
                var expiresAt = reader.GetFieldValue<DateTimeOffset>(2);
                return acquired ? IdempotencyClaim.Acquired(token, expiresAt)
                    : state == Completed ? IdempotencyClaim.AlreadyCompleted(expiresAt)
                    : IdempotencyClaim.InProgress(expiresAt);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RenewAsync(IdempotencyKey key, IdempotencyClaimToken token, TimeSpan lease, CancellationToken cancellationToken = default)
        => ExtendAsync(_renewSql, key, token, lease, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> CompleteAsync(IdempotencyKey key, IdempotencyClaimToken token, TimeSpan retention, CancellationToken cancellationToken = default)
        => ExtendAsync(_completeSql, key, token, retention, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> ReleaseAsync(IdempotencyKey key, IdempotencyClaimToken token, CancellationToken cancellationToken = default)
    {
        IdempotencyKey.ThrowIfDefault(key);
        var statement = await StatementAsync(
            _releaseSql,
            cancellationToken,
            new NpgsqlParameter<string>("namespace", key.Namespace),
            new NpgsqlParameter<string>("key", key.Value),
            new NpgsqlParameter<Guid>("token", token.ToGuid())).ConfigureAwait(false);
        await using (statement.ConfigureAwait(false))
        {
            return await statement.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
    }

    /// <summary>Runs a holder-only transition that sets a new expiry (renew, complete); true when it changed the row.</summary>
    private async ValueTask<bool> ExtendAsync(string sql, IdempotencyKey key, IdempotencyClaimToken token, TimeSpan duration, CancellationToken cancellationToken)
    {
        IdempotencyKey.ThrowIfDefault(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var now = _timeProvider.GetUtcNow();
        var statement = await StatementAsync(sql, cancellationToken, Key(key, token, now, now + duration)).ConfigureAwait(false);
        await using (statement.ConfigureAwait(false))
        {
            return await statement.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
    }

    /// <summary>Deletes every expired row: lapsed leases and completions past their retention.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many rows were deleted.</returns>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var statement = await StatementAsync(
            _deleteExpiredSql,
            cancellationToken,
            new NpgsqlParameter<DateTimeOffset>("now", NpgsqlDbType.TimestampTz) { TypedValue = _timeProvider.GetUtcNow() }).ConfigureAwait(false);
        await using (statement.ConfigureAwait(false))
        {
            return await statement.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One statement, prepared unless <see cref="PostgreSqlIdempotencyStoreOptions.PrepareStatements"/> is off.</summary>
    private ValueTask<PooledStatement> StatementAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
        => PooledStatement.OpenAsync(_dataSource, sql, null, _prepare, cancellationToken, parameters);

    private static NpgsqlParameter[] Key(IdempotencyKey key, IdempotencyClaimToken token, DateTimeOffset now, DateTimeOffset expiresAt) =>
    [
        new NpgsqlParameter<string>("namespace", key.Namespace),
        new NpgsqlParameter<string>("key", key.Value),
        new NpgsqlParameter<Guid>("token", token.ToGuid()),
        new NpgsqlParameter<DateTimeOffset>("now", NpgsqlDbType.TimestampTz) { TypedValue = now.ToUniversalTime() },
        new NpgsqlParameter<DateTimeOffset>("expires_at", NpgsqlDbType.TimestampTz) { TypedValue = expiresAt.ToUniversalTime() },
    ];
}
