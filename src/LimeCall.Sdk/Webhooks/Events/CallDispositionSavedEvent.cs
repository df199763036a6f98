namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.disposition_saved</c>: a disposition was saved.</summary>
[LimeCallEventType("call.disposition_saved", "Call Disposition Saved")]
public sealed record CallDispositionSavedEvent : CallEvent
{
    /// <summary>Gets the disposition saved for the call (<c>disposition</c>).</summary>
    public string? Disposition { get; init; }
}
