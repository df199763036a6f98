namespace LimeCall.Sdk.PostgreSql;

/// <summary>
/// The one rule for names the package writes into SQL (schemas, tables): a plain PostgreSQL identifier, quoted where it
/// is used, so no configured name can change a statement.
/// </summary>
internal static class SqlIdentifier
{
    /// <summary>1 to 63 ASCII letters, digits and underscores, not starting with a digit; <c>\z</c>, not <c>$</c>, so no trailing new line.</summary>
    public const string Pattern = @"^[A-Za-z_][A-Za-z0-9_]{0,62}\z";

    /// <summary>The message for a name that breaks the rule; <c>{0}</c> is the setting's name.</summary>
    public const string Rule = "{0} must be a plain identifier: 1 to 63 letters, digits and underscores, not starting with a digit.";
}
