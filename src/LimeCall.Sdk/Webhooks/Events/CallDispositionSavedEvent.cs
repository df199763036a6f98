namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.disposition_saved</c> (alias <c>Call Disposition Saved</c>): a disposition was saved.</summary>
public sealed record CallDispositionSavedEvent : CallEvent
{
    /// <summary>Gets the disposition saved for the call (<c>disposition</c>).</summary>
    public string? Disposition { get; init; }

    /// <inheritdoc />
    protected override string? CanonicalType => LimeCallEventTypes.CallDispositionSaved;
}
