namespace LimeCall.Sdk.Testing.Emulator;

/// <summary>A callback the emulator accepted, through <c>POST /v1/callbacks</c> or a lead with auto callback.</summary>
public sealed class EmulatedCallback
{
    // Written by the lifecycle's timer, read by tests on other threads.
    private int _status;

    internal EmulatedCallback(string id, string callId, string customerNumber, string teamNumber, DateTimeOffset? requestedAt, DateTimeOffset dueAt, string? idempotencyKey)
    {
        Id = id;
        CallId = callId;
        CustomerNumber = customerNumber;
        TeamNumber = teamNumber;
        RequestedAt = requestedAt;
        DueAt = dueAt;
        IdempotencyKey = idempotencyKey;
    }

    /// <summary>Gets the callback's id (<c>cb_...</c>).</summary>
    public string Id { get; }

    /// <summary>Gets the id of the call it makes.</summary>
    public string CallId { get; }

    /// <summary>Gets the customer's number.</summary>
    public string CustomerNumber { get; }

    /// <summary>Gets the team's number.</summary>
    public string TeamNumber { get; }

    /// <summary>Gets the <c>scheduled_at</c> the client asked for, if any.</summary>
    public DateTimeOffset? RequestedAt { get; }

    /// <summary>Gets when the call is placed: the requested time, moved to the next business-hours window if needed.</summary>
    public DateTimeOffset DueAt { get; }

    /// <summary>Gets the <c>Idempotency-Key</c> it was created with, if any.</summary>
    public string? IdempotencyKey { get; }

    /// <summary>Gets where it stands.</summary>
    public EmulatedCallbackStatus Status
    {
        get => (EmulatedCallbackStatus)Volatile.Read(ref _status);
        internal set => Volatile.Write(ref _status, (int)value);
    }
}
