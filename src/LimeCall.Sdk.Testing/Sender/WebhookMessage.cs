namespace LimeCall.Sdk.Testing.Sender;

/// <summary>
/// One webhook message and its delivery log: every attempt, retries and redeliveries, with the same
/// body and event id throughout.
/// </summary>
public sealed class WebhookMessage
{
    private readonly Lock _gate = new();
    private readonly List<WebhookDeliveryAttempt> _attempts = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _attemptWaiters = [];
    private TaskCompletionSource<WebhookMessageState> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebhookMessageState _state = WebhookMessageState.InFlight;

    internal WebhookMessage(string id, Uri endpoint, ReadOnlyMemory<byte> body, string? eventId, string? eventType, string? orderingKey, bool isTest)
    {
        Id = id;
        Endpoint = endpoint;
        Body = body;
        EventId = eventId;
        EventType = eventType;
        OrderingKey = orderingKey;
        IsTest = isTest;
    }

    /// <summary>Gets the sender's id for the message (<c>msg_...</c>).</summary>
    public string Id { get; }

    /// <summary>Gets where the message is delivered.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the exact body every attempt sends.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Gets the event's id, when the body has one; it never changes across attempts.</summary>
    public string? EventId { get; }

    /// <summary>Gets the event's canonical type, when the body has one.</summary>
    public string? EventType { get; }

    /// <summary>Gets the key (call id or message id) under which messages are delivered in order, if any.</summary>
    public string? OrderingKey { get; }

    /// <summary>Gets whether this is a test event sent in test mode.</summary>
    public bool IsTest { get; }

    /// <summary>Gets where delivery stands.</summary>
    public WebhookMessageState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Gets a snapshot of the attempts so far, oldest first.</summary>
    public IReadOnlyList<WebhookDeliveryAttempt> Attempts
    {
        get
        {
            lock (_gate)
            {
                return [.. _attempts];
            }
        }
    }

    /// <summary>Completes when the message is delivered or has failed (after a redelivery starts, the next outcome).</summary>
    /// <returns>The final state.</returns>
    public Task<WebhookMessageState> WhenFinishedAsync()
    {
        lock (_gate)
        {
            return _final.Task;
        }
    }

    /// <summary>Completes once the log holds at least <paramref name="count"/> attempts.</summary>
    /// <param name="count">How many attempts to wait for.</param>
    /// <returns>A task that completes when they are logged.</returns>
    public Task WhenAttemptsAsync(int count)
    {
        lock (_gate)
        {
            if (_attempts.Count >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _attemptWaiters.Add((count, signal));
            return signal.Task;
        }
    }

    internal int NextAttemptNumber
    {
        get
        {
            lock (_gate)
            {
                return _attempts.Count + 1;
            }
        }
    }

    internal void Record(WebhookDeliveryAttempt attempt)
    {
        List<TaskCompletionSource> ready;
        lock (_gate)
        {
            _attempts.Add(attempt);
            ready = [.. _attemptWaiters.Where(w => w.Count <= _attempts.Count).Select(w => w.Signal)];
            _attemptWaiters.RemoveAll(w => w.Count <= _attempts.Count);
        }

        ready.ForEach(s => s.TrySetResult());
    }

    internal void Restart()
    {
        lock (_gate)
        {
            _state = WebhookMessageState.InFlight;
            if (_final.Task.IsCompleted)
            {
                _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    internal void Finish(WebhookMessageState state)
    {
        TaskCompletionSource<WebhookMessageState> final;
        lock (_gate)
        {
            _state = state;
            final = _final;
        }

        final.TrySetResult(state);
    }
}
