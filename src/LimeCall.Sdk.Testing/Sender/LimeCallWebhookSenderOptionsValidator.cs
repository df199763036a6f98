using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.Testing.Sender;

/// <summary>Checks <see cref="LimeCallWebhookSenderOptions"/>; source-generated from its annotations and <c>IValidatableObject</c>.</summary>
[OptionsValidator]
internal sealed partial class LimeCallWebhookSenderOptionsValidator : IValidateOptions<LimeCallWebhookSenderOptions>;
