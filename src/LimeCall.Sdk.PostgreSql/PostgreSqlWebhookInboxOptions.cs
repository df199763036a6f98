using System.ComponentModel.DataAnnotations;

namespace LimeCall.Sdk.PostgreSql;

/// <summary>Where a <see cref="PostgreSqlWebhookInbox"/> keeps its rows, and which of them are its own.</summary>
/// <remarks>The names are written into SQL, quoted: only plain identifiers are accepted, so no name can change a statement.</remarks>
public sealed class PostgreSqlWebhookInboxOptions
{
    /// <summary>Gets or sets the schema of the table.</summary>
    /// <value>Default <c>public</c>.</value>
    [Required(ErrorMessage = SqlIdentifier.Rule)]
    [RegularExpression(SqlIdentifier.Pattern, ErrorMessage = SqlIdentifier.Rule)]
    public string Schema { get; set; } = "public";

    /// <summary>Gets or sets the table name.</summary>
    /// <value>Default <c>limecall_inbox</c>.</value>
    [Required(ErrorMessage = SqlIdentifier.Rule)]
    [RegularExpression(SqlIdentifier.Pattern, ErrorMessage = SqlIdentifier.Rule)]
    public string TableName { get; set; } = "limecall_inbox";

    /// <summary>Gets or sets the namespace the inbox's rows belong to, so apps sharing a table stay apart.</summary>
    /// <value>Default <c>limecall</c>; 1 to 100 characters.</value>
    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string Namespace { get; set; } = "limecall";
}
