using LimeCall.Sdk.TestKit;

namespace LimeCall.Sdk.AspNetCore.Tests;

/// <summary>Shares one PostgreSQL server among this project's inbox tests.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlGroup : ICollectionFixture<PostgreSqlServer>
{
    public const string Name = "PostgreSQL";
}
