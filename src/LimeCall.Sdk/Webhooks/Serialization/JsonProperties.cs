using System.Text.Json;

namespace LimeCall.Sdk.Webhooks.Serialization;

/// <summary>Value equality for the unknown-property bags that events and their parts carry.</summary>
internal static class JsonProperties
{
    public static bool AreEqual(IEnumerable<KeyValuePair<string, JsonElement>>? left, IEnumerable<KeyValuePair<string, JsonElement>>? right)
    {
        // A missing bag and an empty one mean the same: no unknown properties.
        var l = left as IReadOnlyCollection<KeyValuePair<string, JsonElement>> ?? left?.ToList();
        var r = right as IReadOnlyCollection<KeyValuePair<string, JsonElement>> ?? right?.ToList();
        var leftCount = l?.Count ?? 0;
        var rightCount = r?.Count ?? 0;
        if (leftCount != rightCount)
        {
            return false;
        }

        if (leftCount == 0)
        {
            return true;
        }

        var lookup = r!.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var (key, value) in l!)
        {
            if (!lookup.TryGetValue(key, out var other) || !JsonElement.DeepEquals(value, other))
            {
                return false;
            }
        }

        return true;
    }
}
