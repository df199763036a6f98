using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.AspNetCore;

/// <summary>
/// Handles webhook events whose data is a <typeparamref name="TData"/> (or a subtype: a handler of
/// <see cref="CallEvent"/> gets every call event). Resolved from the request's services for each delivery.
/// </summary>
/// <typeparam name="TData">The event data, for example <see cref="CallMissedEvent"/>; <see cref="LimeCallEventData"/> for a
/// catch-all that also gets unknown types.</typeparam>
public interface ILimeCallWebhookHandler<in TData>
    where TData : LimeCallEventData
{
    /// <summary>Handles one event. Throwing makes the receiver answer 500, so the sender retries later.</summary>
    /// <param name="data">The event's typed data.</param>
    /// <param name="context">The whole event (<see cref="LimeCallWebhookContext.Event"/>: id, type, time), the raw
    /// delivery, headers and cancellation.</param>
    /// <returns>A task that completes when the event is safely processed.</returns>
    Task HandleAsync(TData data, LimeCallWebhookContext context);
}
