using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.Client;

/// <summary>Checks <see cref="LimeCallClientOptions"/>; source-generated, running its <c>IValidatableObject</c> rules.</summary>
[OptionsValidator]
internal sealed partial class LimeCallClientOptionsValidator : IValidateOptions<LimeCallClientOptions>;
