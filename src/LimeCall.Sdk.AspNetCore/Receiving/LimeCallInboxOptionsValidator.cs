using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>Checks <see cref="LimeCallInboxOptions"/>; source-generated from its annotations and <c>IValidatableObject</c>.</summary>
[OptionsValidator]
internal sealed partial class LimeCallInboxOptionsValidator : IValidateOptions<LimeCallInboxOptions>;
