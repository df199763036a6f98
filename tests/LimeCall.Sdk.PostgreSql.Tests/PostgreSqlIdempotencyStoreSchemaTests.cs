using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Microsoft.Extensions.Time.Testing;

namespace LimeCall.Sdk.PostgreSql.Tests;

[RequiresPostgreSql]
[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlIdempotencyStoreSchemaTests(PostgreSqlServer server) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private NpgsqlDataSource _dataSource = null!;

    public Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(server.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [StoreFact]
    public async Task EnsureSchemaAsync_ManyInstancesAtOnceOnACustomTable_CreatesItOnceAndItWorks()
    {
        var options = new PostgreSqlIdempotencyStoreOptions { TableName = "idem_" + Guid.NewGuid().ToString("N")[..8] };
        var stores = Enumerable.Range(0, 6).Select(_ => new PostgreSqlIdempotencyStore(_dataSource, options, _time)).ToArray();

        await Task.WhenAll(stores.Select(s => s.EnsureSchemaAsync()));
        await stores[0].EnsureSchemaAsync();

        var key = new IdempotencyKey("schema", "k");
        Assert.Equal(IdempotencyClaimOutcome.Acquired, (await stores[1].ClaimAsync(key, TimeSpan.FromMinutes(1))).Outcome);
        Assert.Equal(IdempotencyClaimOutcome.InProgress, (await stores[2].ClaimAsync(key, TimeSpan.FromMinutes(1))).Outcome);
        await using var index = _dataSource.CreateCommand($"SELECT count(*) FROM pg_indexes WHERE tablename = '{options.TableName}' AND indexname = '{options.TableName}_expires_at_idx'");
        Assert.Equal(1L, await index.ExecuteScalarAsync());
    }

    [StoreFact]
    public async Task PrepareStatements_PreparesEachStatementOncePerConnection_OrNothingWhenOff()
    {
        // Off is for PgBouncer in transaction mode, where a statement prepared on one server connection is missing on
        // the next: it must really prepare nothing. One pooled connection, so the check runs in the store's session.
        await new PostgreSqlIdempotencyStore(_dataSource, new(), _time).EnsureSchemaAsync();
        foreach (var prepare in (bool[])[true, false])
        {
            await using var single = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server.ConnectionString) { MaxPoolSize = 1 }.ConnectionString);
            var store = new PostgreSqlIdempotencyStore(single, new() { PrepareStatements = prepare }, _time);
            var ns = $"prepare-{prepare}-" + Guid.NewGuid().ToString("N")[..8];

            // Every statement the store has, twice each: the second time must find the first's preparation.
            for (var round = 0; round < 2; round++)
            {
                var done = await store.ClaimAsync(new(ns, $"done-{round}"), TimeSpan.FromMinutes(1));
                Assert.True(await store.RenewAsync(new(ns, $"done-{round}"), done.Token, TimeSpan.FromMinutes(1)));
                Assert.True(await store.CompleteAsync(new(ns, $"done-{round}"), done.Token, TimeSpan.FromHours(1)));
                var given = await store.ClaimAsync(new(ns, $"given-{round}"), TimeSpan.FromMinutes(1));
                Assert.True(await store.ReleaseAsync(new(ns, $"given-{round}"), given.Token));
                await store.DeleteExpiredAsync();
            }

            await using var check = single.CreateCommand("SELECT count(*) FROM pg_prepared_statements");
            Assert.Equal(prepare ? 5L : 0L, await check.ExecuteScalarAsync());
        }
    }

    [StoreFact]
    public async Task DeleteExpiredAsync_RemovesLapsedLeasesAndOldCompletionsOnly()
    {
        var store = new PostgreSqlIdempotencyStore(_dataSource, new(), _time);
        var ns = "cleanup-" + Guid.NewGuid().ToString("N")[..8];
        await store.ClaimAsync(new(ns, "lapsing"), TimeSpan.FromMinutes(1));
        var done = await store.ClaimAsync(new(ns, "done"), TimeSpan.FromMinutes(1));
        await store.CompleteAsync(new(ns, "done"), done.Token, TimeSpan.FromHours(1));
        await store.ClaimAsync(new(ns, "working"), TimeSpan.FromHours(2));
        _time.Advance(TimeSpan.FromMinutes(30));

        Assert.True(await store.DeleteExpiredAsync() >= 1);
        Assert.Equal(IdempotencyClaimOutcome.AlreadyCompleted, (await store.ClaimAsync(new(ns, "done"), TimeSpan.FromMinutes(1))).Outcome);
        Assert.Equal(IdempotencyClaimOutcome.InProgress, (await store.ClaimAsync(new(ns, "working"), TimeSpan.FromMinutes(1))).Outcome);
        await using var count = _dataSource.CreateCommand($"SELECT count(*) FROM limecall_idempotency WHERE namespace = '{ns}'");
        Assert.Equal(2L, await count.ExecuteScalarAsync());
    }

    [StoreFact]
    public async Task AddLimeCallPostgreSqlIdempotencyStore_ResolvesTheProcessorOnPostgreSql()
    {
        await using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(_time)
            .AddLimeCallPostgreSqlIdempotencyStore(server.ConnectionString, configureIdempotency: o => o.Namespace = "di-" + Guid.NewGuid().ToString("N")[..8])
            .BuildServiceProvider();

        var processor = services.GetRequiredService<IdempotentProcessor>();
        var runs = 0;
        await processor.ExecuteAsync("evt_1", _ => { runs++; return ValueTask.CompletedTask; });
        var duplicate = await processor.ExecuteAsync("evt_1", _ => { runs++; return ValueTask.CompletedTask; });

        Assert.IsType<PostgreSqlIdempotencyStore>(services.GetRequiredService<IIdempotencyStore>());
        Assert.Equal((1, IdempotencyOutcome.Duplicate), (runs, duplicate.Outcome));
    }
}
