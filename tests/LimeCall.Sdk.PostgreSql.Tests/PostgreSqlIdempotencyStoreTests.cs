using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.TestKit;
using Npgsql;

namespace LimeCall.Sdk.PostgreSql.Tests;

/// <summary>The shared store contract against a real PostgreSQL server; two data sources stand for two instances.</summary>
[RequiresPostgreSql]
[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlIdempotencyStoreTests(PostgreSqlServer server) : IdempotencyStoreContract
{
    private NpgsqlDataSource? _first;
    private NpgsqlDataSource? _second;
    private PostgreSqlIdempotencyStore? _store;

    public override async Task DisposeAsync()
    {
        if (_first is not null)
        {
            await _first.DisposeAsync();
        }

        if (_second is not null)
        {
            await _second.DisposeAsync();
        }
    }

    protected override Task<(IIdempotencyStore Store, IIdempotencyStore SecondInstance)> CreateStoresAsync()
    {
        _first = NpgsqlDataSource.Create(server.ConnectionString);
        _second = NpgsqlDataSource.Create(server.ConnectionString);
        _store = new PostgreSqlIdempotencyStore(_first, new(), Time);
        var second = new PostgreSqlIdempotencyStore(_second, new(), Time);
        return Task.FromResult<(IIdempotencyStore, IIdempotencyStore)>((_store, second));
    }

    protected override Task PurgeExpiredAsync() => _store!.DeleteExpiredAsync();
}
