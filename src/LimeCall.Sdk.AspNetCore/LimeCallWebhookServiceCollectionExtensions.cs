using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.AspNetCore.Diagnostics;
using LimeCall.Sdk.AspNetCore.Receiving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk;

/// <summary>Registers the LimeCall webhook receiver.</summary>
public static class LimeCallWebhookServiceCollectionExtensions
{
    /// <summary>
    /// Registers the receiver, binding <see cref="LimeCallWebhookOptions"/> from the <c>LimeCall:Webhooks</c>
    /// configuration section, then applying <paramref name="configure"/>. Start-up fails with a clear message when
    /// no way to authenticate is configured and <see cref="LimeCallWebhookOptions.AllowUnauthenticated"/> is not set.
    /// Register idempotency (<c>AddLimeCallIdempotency</c>) too, so each event is processed once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the bound options.</param>
    /// <returns>A builder to add handlers with.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static LimeCallWebhooksBuilder AddLimeCallWebhooks(this IServiceCollection services, Action<LimeCallWebhookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<LimeCallWebhookOptions>().BindConfiguration(LimeCallWebhookOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LimeCallWebhookOptions>, LimeCallWebhookOptionsValidator>());
        options.ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReceiverTelemetry>();
        services.TryAddSingleton<LimeCallWebhookReceiver>();
        return new LimeCallWebhooksBuilder(services);
    }
}
