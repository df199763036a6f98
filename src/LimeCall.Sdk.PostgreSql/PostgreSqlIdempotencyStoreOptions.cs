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
}
