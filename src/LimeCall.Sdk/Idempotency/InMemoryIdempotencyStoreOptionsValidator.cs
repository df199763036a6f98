using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.Idempotency;

/// <summary>Checks <see cref="InMemoryIdempotencyStoreOptions"/>; source-generated from its annotations and <c>IValidatableObject</c>.</summary>
[OptionsValidator]
internal sealed partial class InMemoryIdempotencyStoreOptionsValidator : IValidateOptions<InMemoryIdempotencyStoreOptions>;
