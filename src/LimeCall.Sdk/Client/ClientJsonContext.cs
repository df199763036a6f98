using System.Text.Json.Serialization;
using LimeCall.Sdk.Webhooks.Serialization;

namespace LimeCall.Sdk.Client;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(TolerantStringConverter), typeof(TolerantDateTimeOffsetConverter)])]
[JsonSerializable(typeof(CallbackAnswer))]
[JsonSerializable(typeof(LeadCaptureAnswer))]
[JsonSerializable(typeof(ErrorAnswer))]
internal sealed partial class ClientJsonContext : JsonSerializerContext;
