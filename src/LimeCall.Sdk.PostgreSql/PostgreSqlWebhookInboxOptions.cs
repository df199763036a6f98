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

    /// <summary>
    /// Gets or sets how often, at most, stored appends are announced to other instances with <c>NOTIFY</c>. The first
    /// append after a quiet spell is announced at once; the appends that follow within the interval share one
    /// announcement at its end. Workers in the appending process are woken at once regardless.
    /// </summary>
    /// <value>Default 5 ms; <see cref="TimeSpan.Zero"/> announces every append (still one at a time); at most 1 s.
    /// Measured on the inbox's <see cref="TimeProvider"/>: with a fake clock, announcements after the first wait for it to advance.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan NotificationInterval { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Gets or sets whether the inbox prepares its statements on each pooled connection, so PostgreSQL parses and plans
    /// them once per connection instead of once per call (the lease, planned every time, cost more than it ran).
    /// </summary>
    /// <value>Default <see langword="true"/>. Turn it off behind a pooler that cannot keep prepared statements across
    /// transactions (PgBouncer in transaction mode before 1.21, or without <c>max_prepared_statements</c>): there, a
    /// prepared statement fails loudly with "prepared statement … does not exist".</value>
    public bool PrepareStatements { get; set; } = true;
}
