using System.ComponentModel.DataAnnotations;

namespace LimeCall.Sdk.PostgreSql;

/// <summary>Where a <see cref="PostgreSqlIdempotencyStore"/> keeps its rows.</summary>
/// <remarks>Both names are written into SQL, quoted: only plain identifiers are accepted, so no name can change a statement.</remarks>
public sealed class PostgreSqlIdempotencyStoreOptions
{
    /// <summary>Gets or sets the schema of the table.</summary>
    /// <value>Default <c>public</c>. Letters, digits and underscores, starting with a letter or underscore; at most 63.</value>
    [Required(ErrorMessage = SqlIdentifier.Rule)]
    [RegularExpression(SqlIdentifier.Pattern, ErrorMessage = SqlIdentifier.Rule)]
    public string Schema { get; set; } = "public";

    /// <summary>Gets or sets the table name.</summary>
    /// <value>Default <c>limecall_idempotency</c>. Letters, digits and underscores, starting with a letter or underscore; at most 63.</value>
    [Required(ErrorMessage = SqlIdentifier.Rule)]
    [RegularExpression(SqlIdentifier.Pattern, ErrorMessage = SqlIdentifier.Rule)]
    public string TableName { get; set; } = "limecall_idempotency";

    /// <summary>
    /// Gets or sets whether the store prepares its statements on each pooled connection, so PostgreSQL parses and plans
    /// a claim or a completion once per connection instead of once per delivery.
    /// </summary>
    /// <value>Default <see langword="true"/>. Turn it off behind a pooler that cannot keep prepared statements across
    /// transactions (PgBouncer in transaction mode before 1.21, or without <c>max_prepared_statements</c>): there, a
    /// prepared statement fails loudly with "prepared statement … does not exist".</value>
    public bool PrepareStatements { get; set; } = true;
}
