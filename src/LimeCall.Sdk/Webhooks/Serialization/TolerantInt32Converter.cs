using System.Text.Json;
using System.Text.Json.Serialization;

namespace LimeCall.Sdk.Webhooks.Serialization;

/// <summary>Reads whole numbers from numbers or text; anything else reads as null.</summary>
internal sealed class TolerantInt32Converter : JsonConverter<int?>
{
    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => TolerantJson.ReadInt32(ref reader);

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
