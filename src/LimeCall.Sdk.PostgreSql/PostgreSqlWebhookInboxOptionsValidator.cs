using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.PostgreSql;

/// <summary>Checks <see cref="PostgreSqlWebhookInboxOptions"/>; source-generated from its annotations.</summary>
[OptionsValidator]
internal sealed partial class PostgreSqlWebhookInboxOptionsValidator : IValidateOptions<PostgreSqlWebhookInboxOptions>;
