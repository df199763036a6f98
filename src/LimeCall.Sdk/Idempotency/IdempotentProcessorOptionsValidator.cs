using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.Idempotency;

/// <summary>Checks <see cref="IdempotentProcessorOptions"/>; source-generated from its annotations and <c>IValidatableObject</c>.</summary>
[OptionsValidator]
internal sealed partial class IdempotentProcessorOptionsValidator : IValidateOptions<IdempotentProcessorOptions>;
