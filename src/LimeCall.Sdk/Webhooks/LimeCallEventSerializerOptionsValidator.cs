using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.Webhooks;

/// <summary>Checks <see cref="LimeCallEventSerializerOptions"/>' data annotations; generated, so trimming- and AOT-safe.</summary>
[OptionsValidator]
internal sealed partial class LimeCallEventSerializerOptionsValidator : IValidateOptions<LimeCallEventSerializerOptions>;
