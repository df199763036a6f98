using System.Text.Json;
using System.Text.Json.Serialization;

namespace LimeCall.Sdk.Webhooks.Serialization;

/// <summary>Reads text from strings, numbers and booleans; anything else reads as null.</summary>
internal sealed class TolerantStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => TolerantJson.ReadString(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
