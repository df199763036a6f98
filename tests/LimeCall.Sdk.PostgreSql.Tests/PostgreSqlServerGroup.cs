using LimeCall.Sdk.TestKit;

namespace LimeCall.Sdk.PostgreSql.Tests;

/// <summary>Shares one server among the PostgreSQL test classes.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlServerGroup : ICollectionFixture<PostgreSqlServer>
{
    public const string Name = "PostgreSQL";
}
