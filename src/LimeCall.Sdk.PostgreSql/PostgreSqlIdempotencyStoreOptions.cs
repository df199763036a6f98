namespace LimeCall.Sdk.PostgreSql;

/// <summary>Where a <see cref="PostgreSqlIdempotencyStore"/> keeps its rows.</summary>
public sealed class PostgreSqlIdempotencyStoreOptions
{
    /// <summary>Gets or sets the schema of the table.</summary>
    /// <value>Default <c>public</c>. Letters, digits and underscores, starting with a letter or underscore.</value>
    public string Schema { get; set; } = "public";

    /// <summary>Gets or sets the table name.</summary>
    /// <value>Default <c>limecall_idempotency</c>. Letters, digits and underscores, starting with a letter or underscore.</value>
    public string TableName { get; set; } = "limecall_idempotency";
}
