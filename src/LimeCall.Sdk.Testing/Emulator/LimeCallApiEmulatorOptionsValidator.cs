using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.Testing.Emulator;

/// <summary>Checks <see cref="LimeCallApiEmulatorOptions"/>; source-generated from its annotations and <c>IValidatableObject</c>.</summary>
[OptionsValidator]
internal sealed partial class LimeCallApiEmulatorOptionsValidator : IValidateOptions<LimeCallApiEmulatorOptions>;
