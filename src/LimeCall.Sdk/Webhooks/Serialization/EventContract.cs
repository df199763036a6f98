using System.Collections.Frozen;
using System.Text.Json;

namespace LimeCall.Sdk.Webhooks.Serialization;

/// <summary>
/// The event records and their JSON contract. Which record stands for which event type is generated from each
/// record's <c>[LimeCallEventType]</c> declaration (<c>DeclaredTypes</c>, in the generated part of this class).
/// </summary>
internal static partial class EventContract
{
    /// <summary>Gets the record type for each canonical event type.</summary>
    public static readonly FrozenDictionary<string, Type> ClrTypes =
        DeclaredTypes().ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Gets the canonical event type of each record type.</summary>
    public static readonly FrozenDictionary<Type, string> CanonicalTypes =
        DeclaredTypes().ToFrozenDictionary(p => p.Value, p => p.Key);

    public static JsonSerializerOptions CreateOptions(int maxDepth)
    {
        var options = new JsonSerializerOptions(LimeCallJsonContext.Default.Options)
        {
            MaxDepth = maxDepth,

            // One rule for every object of a payload: a member name given twice is malformed (400), never
            // "first wins" here and "last wins" there, which let one event be read two ways.
            AllowDuplicateProperties = false,
            TypeInfoResolver = LimeCallJsonContext.Default,
        };
        options.MakeReadOnly();
        return options;
    }
}
