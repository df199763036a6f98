using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.Inbox;
using LimeCall.Sdk.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
    public void AddLimeCallPostgreSqlIdempotencyStore_IsTheStoreBehindTheProcessor_AndRefusesBadNamesAtStart()
    {
        using var good = new ServiceCollection()
            .AddLimeCallPostgreSqlIdempotencyStore("Host=127.0.0.1;Port=1", o => o.TableName = "my_keys", o => o.Namespace = "orders")
            .BuildServiceProvider();
        using var bad = new ServiceCollection().AddLimeCallPostgreSqlIdempotencyStore("Host=127.0.0.1;Port=1", o => o.TableName = "bad-name").BuildServiceProvider();

        Assert.Same(good.GetRequiredService<PostgreSqlIdempotencyStore>(), good.GetRequiredService<IIdempotencyStore>());
        Assert.Equal("my_keys", good.GetRequiredService<IOptions<PostgreSqlIdempotencyStoreOptions>>().Value.TableName);
        Assert.Equal("orders", good.GetRequiredService<IOptions<IdempotentProcessorOptions>>().Value.Namespace);
        good.GetRequiredService<IStartupValidator>().Validate();
        var refused = Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("TableName", refused.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddLimeCallPostgreSqlIdempotencyStore("Host=127.0.0.1"));
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddLimeCallPostgreSqlIdempotencyStore(string.Empty));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddLimeCallPostgreSqlIdempotencyStore((Func<IServiceProvider, NpgsqlDataSource>)null!));
    }

    [Fact]
    public async Task AddLimeCallPostgreSqlInbox_IsTheInboxBehindTheInterface_AndRefusesBadOptionsAtStart()
    {
        await using var good = new ServiceCollection().AddLimeCallPostgreSqlInbox("Host=127.0.0.1;Port=1", o => o.Namespace = "orders").BuildServiceProvider();
        await using var bad = new ServiceCollection().AddLimeCallPostgreSqlInbox("Host=127.0.0.1;Port=1", o => o.NotificationInterval = TimeSpan.FromSeconds(2)).BuildServiceProvider();

        Assert.Same(good.GetRequiredService<PostgreSqlWebhookInbox>(), good.GetRequiredService<IWebhookInbox>());
        Assert.Same(TimeProvider.System, good.GetRequiredService<TimeProvider>());
        Assert.Equal("orders", good.GetRequiredService<IOptions<PostgreSqlWebhookInboxOptions>>().Value.Namespace);
        good.GetRequiredService<IStartupValidator>().Validate();
        var refused = Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("NotificationInterval", refused.Message, StringComparison.Ordinal);
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddLimeCallPostgreSqlInbox("Host=127.0.0.1")).ParamName);
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddLimeCallPostgreSqlInbox(string.Empty));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddLimeCallPostgreSqlInbox((Func<IServiceProvider, NpgsqlDataSource>)null!));
    }

    [Fact]
    public void EveryRegistration_GivenNoServiceCollection_SaysWhichArgumentIsMissing()
    {
        IServiceCollection services = null!;
        Func<IServiceProvider, NpgsqlDataSource> factory = _ => throw new InvalidOperationException("never called");
        Action[] registrations =
        [
            () => services.AddLimeCallPostgreSqlIdempotencyStore("Host=127.0.0.1"),
            () => services.AddLimeCallPostgreSqlIdempotencyStore(factory),
            () => services.AddLimeCallPostgreSqlInbox("Host=127.0.0.1"),
            () => services.AddLimeCallPostgreSqlInbox(factory),
        ];

        Assert.All(registrations, register => Assert.Equal("services", Assert.Throws<ArgumentNullException>(register).ParamName));
    }

    [Fact]
    public void InboxOptions_Defaults_AreTheDocumentedOnes()
    {
        // The namespace and table are where existing rows live: a changed default would strand an app's inbox.
        var options = new PostgreSqlWebhookInboxOptions();

        Assert.Equal(("public", "limecall_inbox", "limecall"), (options.Schema, options.TableName, options.Namespace));
        Assert.Equal((TimeSpan.FromMilliseconds(5), true), (options.NotificationInterval, options.PrepareStatements));
    }

    [Fact]
    public void PublicApi_MatchesApprovedSnapshot()
        => PublicApiSnapshot.AssertMatchesApproved(typeof(PostgreSqlIdempotencyStore).Assembly);
}
