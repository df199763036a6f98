namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.disposition_modified</c>: a disposition was changed.</summary>
[LimeCallEventType("call.disposition_modified", "Call Disposition Modified")]
public sealed record CallDispositionModifiedEvent : CallEvent
{
    /// <summary>Gets the disposition saved for the call (<c>disposition</c>).</summary>
    public string? Disposition { get; init; }
}
