using System.ComponentModel.DataAnnotations;

namespace LimeCall.Sdk.PostgreSql;

/// <summary>Where a <see cref="PostgreSqlWebhookInbox"/> keeps its rows, and which of them are its own.</summary>
/// <remarks>The names are written into SQL, quoted: only plain identifiers are accepted, so no name can change a statement.</remarks>
public sealed class PostgreSqlWebhookInboxOptions
{
    private const string Identifier = @"^[A-Za-z_][A-Za-z0-9_]{0,62}\z";
    private const string IdentifierRule = "{0} must be a plain identifier: 1 to 63 letters, digits and underscores, not starting with a digit.";

    /// <summary>Gets or sets the schema of the table.</summary>
    /// <value>Default <c>public</c>.</value>
    [Required(ErrorMessage = IdentifierRule)]
    [RegularExpression(Identifier, ErrorMessage = IdentifierRule)]
    public string Schema { get; set; } = "public";

    /// <summary>Gets or sets the table name.</summary>
    /// <value>Default <c>limecall_inbox</c>.</value>
    [Required(ErrorMessage = IdentifierRule)]
    [RegularExpression(Identifier, ErrorMessage = IdentifierRule)]
    public string TableName { get; set; } = "limecall_inbox";

    /// <summary>Gets or sets the namespace the inbox's rows belong to, so apps sharing a table stay apart.</summary>
    /// <value>Default <c>limecall</c>; 1 to 100 characters.</value>
    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string Namespace { get; set; } = "limecall";
}
