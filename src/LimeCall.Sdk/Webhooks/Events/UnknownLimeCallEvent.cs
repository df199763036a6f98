namespace LimeCall.Sdk.Webhooks.Events;

/// <summary>
/// The data of an event whose type this version of the SDK does not know. Every property is kept in
/// <see cref="LimeCallEventData.AdditionalProperties"/>, the type string in <see cref="LimeCallEvent.Type"/> and the
/// payload in <see cref="LimeCallEvent.RawJson"/>, so nothing is lost and a receiver can acknowledge it instead of failing.
/// </summary>
public sealed record UnknownLimeCallEvent : LimeCallEventData;
