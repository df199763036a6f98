using LimeCall.Sdk.Inbox;
using LimeCall.Sdk.TestKit;
using Npgsql;

namespace LimeCall.Sdk.PostgreSql.Tests;

/// <summary>The shared inbox contract against a real PostgreSQL server; two data sources stand for two instances.</summary>
[RequiresPostgreSql]
[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlWebhookInboxTests(PostgreSqlServer server) : WebhookInboxContract
{
    private NpgsqlDataSource? _first;
    private NpgsqlDataSource? _second;

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

    protected override async Task<(IWebhookInbox Inbox, IWebhookInbox SecondInstance)> CreateInboxesAsync()
    {
        _first = NpgsqlDataSource.Create(server.ConnectionString);
        _second = NpgsqlDataSource.Create(server.ConnectionString);
        var inbox = new PostgreSqlWebhookInbox(_first, new() { Namespace = Namespace }, Time);
        await inbox.EnsureSchemaAsync();
        return (inbox, new PostgreSqlWebhookInbox(_second, new() { Namespace = Namespace }, Time));
    }
}
