namespace LimeCall.Sdk.Inbox;

/// <summary>
/// How an event reached its handler when it is processed from the durable inbox: which attempt this is, whether it came
/// after a later event of its call, and (for a store that supports it) a way to mark it done inside the handler's own
/// transaction.
/// </summary>
public sealed class InboxDelivery
{
    internal InboxDelivery(IWebhookInbox inbox, LeasedInboxEvent leased, bool handlerMayComplete)
    {
        Inbox = inbox;
        Event = leased;
        HandlerMayComplete = handlerMayComplete;
    }

    /// <summary>Gets the leased event: its inbox id, attempt, times and ordering key.</summary>
    public LeasedInboxEvent Event { get; }

    /// <summary>Gets which attempt this is: 1 the first time, more after a handler failed.</summary>
    public int Attempt => Event.Attempt;

    /// <summary>Gets whether a later event of the same call was already handled: this one came too late to keep the order.</summary>
    public bool ArrivedOutOfOrder => Event.ArrivedOutOfOrder;

    internal IWebhookInbox Inbox { get; }

    /// <summary>Gets whether a handler may complete the event itself: only when it is the event's one handler.</summary>
    internal bool HandlerMayComplete { get; }

    /// <summary>Gets whether a handler marked the event done in its own transaction, so the processor must not.</summary>
    internal bool CompletedByHandler { get; private set; }

    /// <summary>Checks that a handler may complete the event itself, before it tries.</summary>
    /// <exception cref="InvalidOperationException">Another handler also runs for this event.</exception>
    internal void ThrowIfHandlerMayNotComplete()
    {
        if (!HandlerMayComplete)
        {
            throw new InvalidOperationException(
                "Only an event's one handler may complete it in its own transaction: more than one handler runs for this event, and marking it done " +
                "before the others ran would lose their work if they failed. Register one handler for this event type, or let the processor complete it.");
        }
    }

    internal void MarkCompletedByHandler() => CompletedByHandler = true;

    /// <inheritdoc />
    public override string ToString() => $"InboxDelivery {{ Id = {Event.Id}, Attempt = {Attempt}, ArrivedOutOfOrder = {ArrivedOutOfOrder} }}";
}
