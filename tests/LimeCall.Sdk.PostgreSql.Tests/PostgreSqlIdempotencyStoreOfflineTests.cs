using LimeCall.Sdk.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LimeCall.Sdk.PostgreSql.Tests;

/// <summary>What needs no server.</summary>
public sealed class PostgreSqlIdempotencyStoreOfflineTests
{
    [Theory]
    [InlineData("public", "bad-name")]
    [InlineData("public", "1table")]
    [InlineData("public", "t\"; DROP TABLE x; --")]
    [InlineData("sch ema", "t")]
    [InlineData("", "t")]
    [InlineData("public", "t\n")]
    [InlineData("public", "x123456789x123456789x123456789x123456789x123456789x123456789xyzw")] // 64 characters
    public void Constructor_NameThatIsNotAPlainIdentifier_Throws(string schema, string table)
    {
        using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1");

        var ex = Assert.Throws<ArgumentException>(() => new PostgreSqlIdempotencyStore(dataSource, new() { Schema = schema, TableName = table }));
        Assert.Contains("plain identifier", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TheLongestPlainIdentifier_IsAccepted()
    {
        using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1");

        _ = new PostgreSqlIdempotencyStore(dataSource, new() { Schema = "_s", TableName = "x123456789x123456789x123456789x123456789x123456789x123456789xyz" });
    }

    [Fact]
    public void GetSchemaScript_IsTheScriptShippedInThePackage()
    {
        var shipped = File.ReadAllText(Path.Combine(TestProject.Directory, "..", "..", "src", "LimeCall.Sdk.PostgreSql", "Sql", "create_idempotency_table.sql"));

        Assert.Equal(shipped, PostgreSqlIdempotencyStore.GetSchemaScript());
        Assert.Contains("CREATE TABLE IF NOT EXISTS limecall_idempotency", shipped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddLimeCallPostgreSqlIdempotencyStore_WithAConnectionString_TheProviderDisposesTheDataSourceItCreated()
    {
        var services = new ServiceCollection().AddLimeCallPostgreSqlIdempotencyStore("Host=127.0.0.1;Port=1");
        PostgreSqlIdempotencyStore store;
        await using (var provider = services.BuildServiceProvider())
        {
            store = provider.GetRequiredService<PostgreSqlIdempotencyStore>();
        }

        // Refused before any connection is attempted: the data source is gone with the provider.
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.DeleteExpiredAsync());
    }

    [Fact]
    public void PublicApi_MatchesApprovedSnapshot()
        => PublicApiSnapshot.AssertMatchesApproved(typeof(PostgreSqlIdempotencyStore).Assembly);
}
