using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>One registered handler: the event type it takes and how to call it.</summary>
internal sealed record HandlerRegistration(Type EventType, string Name, Func<IServiceProvider, LimeCallEvent, LimeCallWebhookContext, Task> Invoke);
