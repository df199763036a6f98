using System.Text.Json;
using System.Text.Json.Serialization;

namespace LimeCall.Sdk.Webhooks.Serialization;

/// <summary>Reads booleans from <c>true</c>/<c>false</c>, <c>1</c>/<c>0</c> and their text; anything else reads as null.</summary>
internal sealed class TolerantBooleanConverter : JsonConverter<bool?>
{
    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => TolerantJson.ReadBoolean(ref reader);

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteBooleanValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
