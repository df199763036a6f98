using System.Diagnostics.CodeAnalysis;
using LimeCall.Sdk.AspNetCore.Receiving;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

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

    /// <summary>
    /// Turns on the durable inbox: the receiver stores each verified event (deduplicated by its key) and answers
    /// <c>202 Accepted</c> once the write committed (200 for a duplicate, 503 with <c>Retry-After</c> when the inbox cannot be
    /// written), and a background processor runs the handlers later, each call's events in order, with retries and dead
    /// letters. Register the inbox itself too, for example <c>services.AddLimeCallPostgreSqlInbox(...)</c>: without one the
    /// app refuses to start.
    /// </summary>
    /// <param name="configure">Concurrency, leases, retries, the hold window for ordering.</param>
    /// <returns>This builder.</returns>
    public LimeCallWebhooksBuilder UseInbox(Action<LimeCallInboxOptions>? configure = null)
    {
        var options = Services.AddOptions<LimeCallInboxOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LimeCallInboxOptions>, LimeCallInboxOptionsValidator>());
        Services.TryAddSingleton<InboxMode>();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, InboxProcessor>(InboxProcessor.Create));
        return this;
    }
}
