using LimeCall.Sdk.Idempotency;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk;

/// <summary>Registers LimeCall idempotency services.</summary>
public static class LimeCallIdempotencyServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="IdempotentProcessor"/> and, unless another <see cref="IIdempotencyStore"/> is
    /// registered, an <see cref="InMemoryIdempotencyStore"/>. Options are validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets namespace, lease and retention; defaults are documented on <see cref="IdempotentProcessorOptions"/>.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddLimeCallIdempotency(this IServiceCollection services, Action<IdempotentProcessorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<IdempotentProcessorOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdempotentProcessorOptions>, IdempotentProcessorOptionsValidator>());
        services.AddOptions<InMemoryIdempotencyStoreOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InMemoryIdempotencyStoreOptions>, InMemoryIdempotencyStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IIdempotencyStore>(sp => new InMemoryIdempotencyStore(
            sp.GetRequiredService<IOptions<InMemoryIdempotencyStoreOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new IdempotentProcessor(
            sp.GetRequiredService<IIdempotencyStore>(),
            sp.GetRequiredService<IOptions<IdempotentProcessorOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<IdempotentProcessor>>()));
        return services;
    }
}
