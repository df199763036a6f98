using System.ComponentModel.DataAnnotations;

namespace LimeCall.Sdk.PostgreSql;

/// <summary>Where a <see cref="PostgreSqlIdempotencyStore"/> keeps its rows.</summary>
/// <remarks>Both names are written into SQL, quoted: only plain identifiers are accepted, so no name can change a statement.</remarks>
public sealed class PostgreSqlIdempotencyStoreOptions
{
    private const string Identifier = @"^[A-Za-z_][A-Za-z0-9_]{0,62}\z";
    private const string IdentifierRule = "{0} must be a plain identifier: 1 to 63 letters, digits and underscores, not starting with a digit.";

    /// <summary>Gets or sets the schema of the table.</summary>
    /// <value>Default <c>public</c>. Letters, digits and underscores, starting with a letter or underscore; at most 63.</value>
    [Required(ErrorMessage = IdentifierRule)]
    [RegularExpression(Identifier, ErrorMessage = IdentifierRule)]
    public string Schema { get; set; } = "public";

    /// <summary>Gets or sets the table name.</summary>
    /// <value>Default <c>limecall_idempotency</c>. Letters, digits and underscores, starting with a letter or underscore; at most 63.</value>
    [Required(ErrorMessage = IdentifierRule)]
    [RegularExpression(Identifier, ErrorMessage = IdentifierRule)]
    public string TableName { get; set; } = "limecall_idempotency";
}
