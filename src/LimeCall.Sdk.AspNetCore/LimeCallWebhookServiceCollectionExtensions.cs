using LimeCall.Sdk.AspNetCore.Diagnostics;
using LimeCall.Sdk.AspNetCore.Receiving;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.AspNetCore;

/// <summary>Registers the LimeCall webhook receiver.</summary>
public static class LimeCallWebhookServiceCollectionExtensions
{
    /// <summary>
    /// Registers the receiver and the signature check for your own endpoints, binding <see cref="LimeCallWebhookOptions"/>
    /// from the <c>LimeCall:Webhooks</c> configuration section, then applying <paramref name="configure"/>. Start-up
    /// fails with a clear message when no way to authenticate is configured and
    /// <see cref="LimeCallWebhookOptions.AllowUnauthenticated"/> is not set.
    /// </summary>
    /// <remarks>
    /// Each event is processed once by default: this registers idempotency (<c>AddLimeCallIdempotency</c>) with the
    /// in-memory store unless a store is already registered or is registered later (for example PostgreSQL's, for a
    /// receiver that runs as several instances). Duplicate deliveries are normal for webhooks, so running without
    /// suppression must never be what a forgotten line gives.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the bound options.</param>
    /// <returns>A builder to add handlers with.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static LimeCallWebhooksBuilder AddLimeCallWebhooks(this IServiceCollection services, Action<LimeCallWebhookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        // The binding every LimeCall package uses (see AddLimeCallClient): the section, when the app has configuration,
        // with the source-generated binder. The receiver also reloads: WebhookGate listens to the change token below and
        // validates each change itself before applying it.
        var options = services.AddOptions<LimeCallWebhookOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(LimeCallWebhookOptions.SectionName).Bind(o));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (!services.Any(d => d.ServiceType == typeof(IOptionsChangeTokenSource<LimeCallWebhookOptions>)))
        {
            services.AddSingleton<IOptionsChangeTokenSource<LimeCallWebhookOptions>>(sp => new ConfigurationChangeTokenSource<LimeCallWebhookOptions>(
                (IConfiguration?)sp.GetService<IConfiguration>()?.GetSection(LimeCallWebhookOptions.SectionName) ?? new ConfigurationBuilder().Build()));
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LimeCallWebhookOptions>, LimeCallWebhookOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, WebhookStartupCheck>());
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReceiverTelemetry>();
        services.TryAddSingleton<WebhookGate>();
        services.TryAddSingleton<HandlerDispatcher>();
        services.TryAddSingleton<LimeCallWebhookReceiver>();
        services.TryAddSingleton<SignatureMatcherPolicy>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, SignatureMatcherPolicy>(sp => sp.GetRequiredService<SignatureMatcherPolicy>()));
        services.AddLimeCallIdempotency();
        return new LimeCallWebhooksBuilder(services);
    }
}
