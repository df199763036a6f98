using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.AspNetCore;

/// <summary>
/// Handles webhook events of type <typeparamref name="TEvent"/> (and its subtypes: a handler of
/// <see cref="CallEvent"/> gets every call event). Resolved from the request's services for each delivery.
/// </summary>
/// <typeparam name="TEvent">The event type; <see cref="LimeCallEvent"/> for a catch-all that also gets unknown types.</typeparam>
public interface ILimeCallWebhookHandler<in TEvent>
    where TEvent : LimeCallEvent
{
    /// <summary>Handles one event. Throwing makes the receiver answer 500, so the sender retries later.</summary>
    /// <param name="webhookEvent">The event.</param>
    /// <param name="context">The raw delivery, headers and cancellation.</param>
    /// <returns>A task that completes when the event is safely processed.</returns>
    Task HandleAsync(TEvent webhookEvent, LimeCallWebhookContext context);
}
