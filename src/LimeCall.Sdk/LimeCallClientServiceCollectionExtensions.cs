using LimeCall.Sdk.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk;

/// <summary>Registers the LimeCall API client.</summary>
public static class LimeCallClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LimeCallClient"/> as a typed client of <c>IHttpClientFactory</c>, binding
    /// <see cref="LimeCallClientOptions"/> from the <c>LimeCall</c> section, then applying <paramref name="configure"/>;
    /// options are validated at start-up. The HTTP client's own timeout is turned off: the client's attempt
    /// and total timeouts govern.
    /// </summary>
    /// <remarks>
    /// The client's promise, never to retry what may have reached LimeCall, holds whatever else the host configured:
    /// resilience handlers added to every client (<c>ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler())</c>)
    /// are removed from this one, and any other handler that tries to send a request twice is refused.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the bound options.</param>
    /// <returns>The HTTP client builder, to add handlers or configure the primary handler.</returns>
    public static IHttpClientBuilder AddLimeCallClient(this IServiceCollection services, Action<LimeCallClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        // The binding every LimeCall package uses: the section, when the app has configuration (any host does; a bare
        // ServiceCollection works too), with the source-generated binder. Read once: a client's settings do not reload.
        var options = services.AddOptions<LimeCallClientOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(LimeCallClientOptions.SectionName).Bind(o));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LimeCallClientOptions>, LimeCallClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        var builder = services.AddHttpClient<LimeCallClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);

        // After every other configuration (host-wide defaults included): no second retry layer, and the send guard innermost.
        services.PostConfigure<HttpClientFactoryOptions>(builder.Name, o => o.HttpMessageHandlerBuilderActions.Add(SingleSendHandler.Configure));
        return builder;
    }
}
