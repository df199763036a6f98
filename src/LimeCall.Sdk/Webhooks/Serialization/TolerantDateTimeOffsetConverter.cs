using System.Text.Json;
using System.Text.Json.Serialization;

namespace LimeCall.Sdk.Webhooks.Serialization;

/// <summary>Reads times from ISO 8601 text or Unix seconds (number or text); anything else reads as null.</summary>
internal sealed class TolerantDateTimeOffsetConverter : JsonConverter<DateTimeOffset?>
{
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => TolerantJson.ReadDateTimeOffset(ref reader);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            TolerantJson.WriteDateTimeOffset(writer, v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
