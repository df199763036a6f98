using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>One registered handler: the event data it takes and how to call it.</summary>
internal sealed record HandlerRegistration(Type DataType, string Name, Func<IServiceProvider, LimeCallEventData, LimeCallWebhookContext, Task> Invoke);
