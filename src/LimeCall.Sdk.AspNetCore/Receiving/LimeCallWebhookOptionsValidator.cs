using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>
/// Refuses to start (or to reload into) a receiver that could not tell LimeCall's requests from anyone's: checks
/// <see cref="LimeCallWebhookOptions"/>' annotations and <c>IValidatableObject</c> rules; source-generated.
/// </summary>
[OptionsValidator]
internal sealed partial class LimeCallWebhookOptionsValidator : IValidateOptions<LimeCallWebhookOptions>;
