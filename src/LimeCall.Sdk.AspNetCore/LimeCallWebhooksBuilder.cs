using System.Diagnostics.CodeAnalysis;
using LimeCall.Sdk.AspNetCore.Receiving;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LimeCall.Sdk.AspNetCore;

/// <summary>Adds handlers to the LimeCall webhook receiver.</summary>
public sealed class LimeCallWebhooksBuilder
{
    internal LimeCallWebhooksBuilder(IServiceCollection services) => Services = services;

    /// <summary>Gets the service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Registers a handler for events whose data is a <typeparamref name="TData"/> (or a subtype), resolved per request.</summary>
    /// <typeparam name="TData">The event data, for example <see cref="CallMissedEvent"/>; <see cref="LimeCallEventData"/> handles every event, unknown types included.</typeparam>
    /// <typeparam name="THandler">The handler, registered as scoped.</typeparam>
    /// <returns>This builder.</returns>
    public LimeCallWebhooksBuilder AddHandler<TData, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>()
        where TData : LimeCallEventData
        where THandler : class, ILimeCallWebhookHandler<TData>
    {
        Services.AddScoped<THandler>();

        // A closed delegate per registration: dispatch needs no reflection, so it survives trimming and AOT.
        Services.AddSingleton(new HandlerRegistration(
            typeof(TData),
            typeof(THandler).Name,
            (services, data, context) => services.GetRequiredService<THandler>().HandleAsync((TData)data, context)));
        return this;
    }

    /// <summary>
    /// Turns duplicate suppression off: every delivery runs the handlers, duplicates and concurrent copies included.
    /// Only for handlers that are idempotent on their own (for example an insert guarded by a unique constraint on
    /// the event's key); by default each event is processed once.
    /// </summary>
    /// <returns>This builder.</returns>
    public LimeCallWebhooksBuilder AllowDuplicateProcessing()
    {
        Services.TryAddSingleton<DuplicateProcessingAllowed>();
        return this;
    }
}
