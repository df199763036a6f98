using Npgsql;

namespace LimeCall.Sdk.PostgreSql;

/// <summary>The shipped schema scripts: read from the assembly, renamed for a configured table, and applied safely.</summary>
internal static class PostgreSqlSchema
{
    /// <summary>Gets a script as shipped (for the default table name).</summary>
    public static string Read(string resource)
    {
        using var stream = typeof(PostgreSqlSchema).Assembly.GetManifestResourceStream($"LimeCall.Sdk.PostgreSql.{resource}")
            ?? throw new InvalidOperationException($"The schema script {resource} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Runs a script for <paramref name="schema"/>.<paramref name="table"/>; safe from several instances at once.</summary>
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, string resource, string defaultTable, string schema, string table, CancellationToken cancellationToken)
    {
        var qualified = $"\"{schema}\".\"{table}\"";
        var script = Read(resource)
            .Replace($"{defaultTable}_", $"{table}_", StringComparison.Ordinal) // index names
            .Replace($"ON {defaultTable} ", $"ON {qualified} ", StringComparison.Ordinal)
            .Replace($"EXISTS {defaultTable} ", $"EXISTS {qualified} ", StringComparison.Ordinal);

        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // CREATE ... IF NOT EXISTS still races on the catalog; serialise instances that start together.
                var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(@name))", connection, transaction);
                await using (lockCommand.ConfigureAwait(false))
                {
                    lockCommand.Parameters.AddWithValue("name", qualified);
                    await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                var create = new NpgsqlCommand(script, connection, transaction);
                await using (create.ConfigureAwait(false))
                {
                    await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
