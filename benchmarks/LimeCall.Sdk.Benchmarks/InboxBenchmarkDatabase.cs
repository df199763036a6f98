using LimeCall.Sdk.PostgreSql;
using LimeCall.Sdk.TestKit;
using Npgsql;

namespace LimeCall.Sdk.Benchmarks;

/// <summary>The inbox benchmarks' database: a throwaway server, the inbox's table, and a floor table shaped like it.</summary>
internal static class InboxBenchmarkDatabase
{
    public static (PostgreSqlServer Server, NpgsqlDataSource DataSource) Start(string floorTable)
    {
        var server = new PostgreSqlServer();
        server.InitializeAsync().GetAwaiter().GetResult();
        var dataSource = NpgsqlDataSource.Create(server.ConnectionString);
        new PostgreSqlWebhookInbox(dataSource, new()).EnsureSchemaAsync().GetAwaiter().GetResult();
        using var floor = dataSource.CreateCommand($"CREATE TABLE IF NOT EXISTS {floorTable} (LIKE limecall_inbox INCLUDING ALL)");
        floor.ExecuteNonQuery();
        return (server, dataSource);
    }
}
