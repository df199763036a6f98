using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LimeCall.Sdk.Client;

/// <summary>
/// What LimeCall's answers hold, read with source-generated contracts and the events' tolerant scalar converters:
/// no reflection, and no value the server sends (an array, a number where text was expected, HTML, nothing) can
/// escape as anything but "unreadable".
/// </summary>
internal static class ClientAnswers
{
    /// <summary>Reads an answer; <see langword="null"/> when it is not a JSON object of the expected shape.</summary>
    public static T? TryRead<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
