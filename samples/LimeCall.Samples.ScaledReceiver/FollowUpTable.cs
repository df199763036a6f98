using System.Globalization;
using Npgsql;

namespace LimeCall.Sdk.Samples.ScaledReceiver;

/// <summary>The app's own data, shared by every instance. No unique constraint on purpose: the sample shows that the
/// inbox and the handler's transaction alone keep duplicates out. (In production, add one as well: defence in depth.)</summary>
public sealed class FollowUpTable(NpgsqlDataSource dataSource)
{
    /// <summary>Creates the table when missing.</summary>
    /// <returns>A task that completes when the table exists.</returns>
    public async Task EnsureCreatedAsync()
    {
        await using var command = dataSource.CreateCommand(
            "CREATE TABLE IF NOT EXISTS follow_ups (seq bigserial, event_id text NOT NULL, instance text NOT NULL, phone text, call_id text, " +
            "occurred_at timestamptz, out_of_order boolean NOT NULL DEFAULT false, created_at timestamptz NOT NULL DEFAULT now())");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Adds a follow-up inside the caller's transaction, with the event's call, time and whether it came out of order, and
    /// notifies <c>follow_ups</c> with the event id at commit (a test or a dashboard can watch rows arrive).
    /// </summary>
    /// <param name="transaction">The transaction the row commits with.</param>
    /// <param name="context">The event being handled.</param>
    /// <param name="data">Its data.</param>
    /// <param name="instance">The instance that processed the event.</param>
    /// <returns>A task that completes when the row is written (visible at commit).</returns>
    public static async Task AddAsync(NpgsqlTransaction transaction, LimeCall.Sdk.AspNetCore.LimeCallWebhookContext context, LimeCall.Sdk.Webhooks.Events.CallMissedEvent data, string instance)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(data);
        await using var command = new NpgsqlCommand(
            "WITH added AS (INSERT INTO follow_ups (event_id, instance, phone, call_id, occurred_at, out_of_order) VALUES ($1, $2, $3, $4, $5, $6) RETURNING event_id) " +
            "SELECT pg_notify('follow_ups', event_id) FROM added",
            transaction.Connection,
            transaction);
        command.Parameters.Add(new() { Value = context.IdempotencyKey });
        command.Parameters.Add(new() { Value = instance });
        command.Parameters.Add(new() { Value = (object?)data.CallerNumber ?? DBNull.Value });
        command.Parameters.Add(new() { Value = (object?)data.CallId ?? DBNull.Value });
        command.Parameters.Add(new() { Value = (object?)context.Event.Timestamp ?? DBNull.Value });
        command.Parameters.Add(new() { Value = context.Inbox?.ArrivedOutOfOrder ?? false });
        await command.ExecuteNonQueryAsync(context.CancellationToken);
    }

    /// <summary>Summarises the rows whose event id starts with a prefix: rows, distinct events, and rows per instance.</summary>
    /// <param name="eventIdPrefix">The prefix; empty for all rows.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>For example <c>rows=20 events=20 a=11 b=9</c>.</returns>
    public async Task<string> SummaryAsync(string eventIdPrefix, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "WITH mine AS (SELECT * FROM follow_ups WHERE starts_with(event_id, $1)) " +
            "SELECT (SELECT count(*) FROM mine), (SELECT count(DISTINCT event_id) FROM mine), " +
            "(SELECT coalesce(string_agg(instance || '=' || n, ' ' ORDER BY instance), '') FROM (SELECT instance, count(*) AS n FROM mine GROUP BY instance) per)");
        command.Parameters.Add(new() { Value = eventIdPrefix });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return string.Create(CultureInfo.InvariantCulture, $"rows={reader.GetInt64(0)} events={reader.GetInt64(1)} {reader.GetString(2)}");
    }
}
