using System.Text.Json;

namespace LimeCall.Sdk.Client;

/// <summary>Request bodies written with <see cref="Utf8JsonWriter"/>: no reflection, so trimming- and AOT-safe.</summary>
internal static class ClientJson
{
    public static byte[] Object(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static byte[] Fields(IEnumerable<KeyValuePair<string, string>> fields) => Object(w =>
    {
        foreach (var (name, value) in fields)
        {
            w.WriteString(name, value);
        }
    });

    public static HttpContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        return content;
    }
}
