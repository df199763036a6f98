using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LimeCall.Sdk.Testing.Payloads;

namespace LimeCall.Cli;

/// <summary>
/// Turns a sample payload into the events <c>trigger</c> sends: each its own (a new id, or for flat payloads, which have
/// none, a distinct timestamp, since the receiver tells flat events apart by their bytes), stamped with the current time,
/// with the <c>--set</c> changes applied.
/// </summary>
internal sealed class PayloadBuilder
{
    private readonly LimeCallSamplePayload _sample;
    private readonly IReadOnlyList<(string[] Path, JsonNode? Value)> _changes;

    public PayloadBuilder(LimeCallSamplePayload sample, IEnumerable<string> assignments)
    {
        _sample = sample;
        _changes = [.. assignments.Select(ParseAssignment)];
    }

    public byte[] Build(int index, DateTimeOffset now)
    {
        var root = JsonNode.Parse(_sample.Json)!.AsObject();
        var timestamp = now.AddMilliseconds(index).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        root["timestamp"] = timestamp;
        if (_sample.Shape == LimeCallPayloadShape.Enveloped)
        {
            root["id"] = "evt_cli_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
        }

        foreach (var (path, value) in _changes)
        {
            Apply(root, path, value?.DeepClone());
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>
    /// <c>data.duration=95</c>: a dotted path from the payload's root, and a JSON value (a number, <c>true</c>,
    /// <c>null</c>, <c>{…}</c>, <c>"quoted"</c>) or else the text as a string. For flat payloads a leading <c>data.</c> is
    /// dropped, so one command line works for both shapes.
    /// </summary>
    private (string[] Path, JsonNode? Value) ParseAssignment(string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new CliException($"--set '{assignment}': write it as path=value, for example data.duration=95.");
        }

        var path = assignment[..equals].Split('.');
        if (path.Any(string.IsNullOrWhiteSpace))
        {
            throw new CliException($"--set '{assignment}': the path has an empty part.");
        }

        if (_sample.Shape == LimeCallPayloadShape.Flat && path.Length > 1 && string.Equals(path[0], "data", StringComparison.Ordinal))
        {
            path = path[1..];
        }

        var text = assignment[(equals + 1)..];
        JsonNode? value;
        try
        {
            value = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            value = JsonValue.Create(text);
        }

        return (path, value);
    }

    private static void Apply(JsonObject root, string[] path, JsonNode? value)
    {
        var node = root;
        foreach (var part in path[..^1])
        {
            if (node[part] is JsonObject child)
            {
                node = child;
            }
            else
            {
                var created = new JsonObject();
                node[part] = created;
                node = created;
            }
        }

        node[path[^1]] = value;
    }
}
