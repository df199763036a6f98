using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace LimeCall.Sdk.Webhooks.Events;

/// <summary>
/// The canonical LimeCall event type names, and the aliases the product documents use for the same
/// events (<c>missed_call</c>, <c>Call Completed</c>, ...). Matching is case-insensitive.
/// </summary>
/// <remarks>
/// The constants, <see cref="All"/> and <see cref="Aliases"/> are generated at build time from the
/// <c>[LimeCallEventType]</c> declaration on each event record, so they cannot fall out of step with the records.
/// </remarks>
public static partial class LimeCallEventTypes
{
    /// <summary>Finds the canonical type for a type name as received, matching aliases case-insensitively.</summary>
    /// <param name="receivedType">The type string from a payload, for example <c>missed_call</c>.</param>
    /// <param name="canonicalType">The canonical name, for example <c>call.missed</c>.</param>
    /// <returns><see langword="false"/> when the name is not a known event type.</returns>
    public static bool TryGetCanonical(string? receivedType, [NotNullWhen(true)] out string? canonicalType)
    {
        if (receivedType is not null && Lookup.CanonicalByName.TryGetValue(receivedType.Trim(), out canonicalType))
        {
            return true;
        }

        canonicalType = null;
        return false;
    }

    /// <summary>
    /// Holds the lookup apart from <see cref="All"/> and <see cref="Aliases"/>, which are declared in the generated part of
    /// this partial class: C# defines no initialisation order between the static fields of two partial declarations.
    /// </summary>
    private static class Lookup
    {
        public static readonly FrozenDictionary<string, string> CanonicalByName = Build();

        private static FrozenDictionary<string, string> Build()
        {
            var table = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var canonical in All)
            {
                table[canonical] = canonical;
            }

            foreach (var (canonical, aliases) in Aliases)
            {
                foreach (var alias in aliases)
                {
                    table[alias] = canonical;
                }
            }

            return table.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        }
    }
}
