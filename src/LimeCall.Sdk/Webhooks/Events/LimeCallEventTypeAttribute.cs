namespace LimeCall.Sdk.Webhooks.Events;

/// <summary>
/// Declares the event type an event record stands for, and the aliases the product documents use for it. This one
/// declaration is all an event type needs: LimeCall.Sdk.Generators derives <see cref="LimeCallEventTypes"/> and the
/// serializer's tables from it at build time.
/// </summary>
/// <param name="name">The canonical type, for example <c>call.missed</c>.</param>
/// <param name="aliases">Other names the same event arrives with, for example <c>missed_call</c>; matched case-insensitively.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class LimeCallEventTypeAttribute(string name, params string[] aliases) : Attribute
{
    /// <summary>Gets the canonical type.</summary>
    public string Name { get; } = name;

    /// <summary>Gets the aliases.</summary>
    public IReadOnlyList<string> Aliases { get; } = aliases;
}
