namespace LimeCall.Sdk.Webhooks.Events;

/// <summary><c>call.disposition_modified</c> (alias <c>Call Disposition Modified</c>): a disposition was changed.</summary>
public sealed record CallDispositionModifiedEvent : CallEvent
{
    /// <summary>Gets the disposition saved for the call (<c>disposition</c>).</summary>
    public string? Disposition { get; init; }

    /// <inheritdoc />
    protected override string? CanonicalType => LimeCallEventTypes.CallDispositionModified;
}
