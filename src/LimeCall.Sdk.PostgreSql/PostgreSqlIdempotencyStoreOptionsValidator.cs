using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.PostgreSql;

/// <summary>Checks <see cref="PostgreSqlIdempotencyStoreOptions"/>; source-generated from its annotations.</summary>
[OptionsValidator]
internal sealed partial class PostgreSqlIdempotencyStoreOptionsValidator : IValidateOptions<PostgreSqlIdempotencyStoreOptions>;
