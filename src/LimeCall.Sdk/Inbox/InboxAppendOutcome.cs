namespace LimeCall.Sdk.Inbox;

/// <summary>What appending a delivery to the inbox did.</summary>
/// <remarks>The zero value is <see cref="None"/>: never read as stored.</remarks>
public enum InboxAppendOutcome
{
    /// <summary>Nothing was appended; no append returns this.</summary>
    None = 0,

    /// <summary>The event is stored (committed) and will be processed: answer 202.</summary>
    Stored = 1,

    /// <summary>The event was already in the inbox (a retry or a duplicate): answer 200.</summary>
    Duplicate = 2,
}
