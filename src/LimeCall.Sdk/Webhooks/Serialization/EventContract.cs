using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

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

    /// <summary>The contract events are written with: every member, unknown ones included.</summary>
    /// <param name="maxDepth">The deepest nesting written or read.</param>
    /// <returns>Read-only options.</returns>
    public static JsonSerializerOptions CreateOptions(int maxDepth) => Create(maxDepth, LimeCallJsonContext.Default);

    /// <summary>
    /// The contract payloads are read with: the same, except that an event record's unknown members are skipped (the
    /// parser keeps them unread, see <see cref="UnreadMembers"/>), and duplicates are left to the scan, which has
    /// already refused a member named twice in any object of the payload.
    /// </summary>
    /// <param name="maxDepth">The deepest nesting read.</param>
    /// <returns>Read-only options.</returns>
    public static JsonSerializerOptions CreateReadOptions(int maxDepth)
        => Create(maxDepth, LimeCallJsonContext.Default.WithAddedModifier(SkipUnknownDataMembers));

    private static JsonSerializerOptions Create(int maxDepth, IJsonTypeInfoResolver resolver)
    {
        var options = new JsonSerializerOptions(LimeCallJsonContext.Default.Options)
        {
            MaxDepth = maxDepth,
            TypeInfoResolver = resolver,
        };
        options.MakeReadOnly();
        return options;
    }

    private static void SkipUnknownDataMembers(JsonTypeInfo typeInfo)
    {
        if (!typeInfo.Type.IsAssignableTo(typeof(Events.LimeCallEventData)))
        {
            return;
        }

        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            if (typeInfo.Properties[i].IsExtensionData)
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }
}
