namespace LimeCall.Sdk.Webhooks.Events;

/// <summary>
/// An event whose type this version of the SDK does not know. It keeps the type string
/// (<see cref="LimeCallEvent.Type"/>), the raw JSON and every property, so nothing is lost and a
/// receiver can acknowledge it instead of failing.
/// </summary>
public sealed record UnknownLimeCallEvent : LimeCallEvent
{
    /// <inheritdoc />
    protected override string? CanonicalType => null;
}
