using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.Inbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LimeCall.Sdk.PostgreSql;

/// <summary>Registers the PostgreSQL idempotency store.</summary>
public static class LimeCallPostgreSqlServiceCollectionExtensions
{
    /// <summary>The service key of the data source the connection-string overload creates and the container owns.</summary>
    private const string DataSourceKey = "LimeCall.Sdk.PostgreSql";

    /// <summary>The inbox's own key: an inbox and an idempotency store given different connection strings must not share one.</summary>
    private const string InboxDataSourceKey = "LimeCall.Sdk.PostgreSql.Inbox";

    /// <summary>
    /// Registers LimeCall idempotency (see <see cref="LimeCallIdempotencyServiceCollectionExtensions.AddLimeCallIdempotency"/>)
    /// backed by a <see cref="PostgreSqlIdempotencyStore"/> on its own <see cref="NpgsqlDataSource"/>, which the service
    /// provider owns and disposes.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionString">The PostgreSQL connection string.</param>
    /// <param name="configureStore">Sets schema and table name.</param>
    /// <param name="configureIdempotency">Sets namespace, lease and retention.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IServiceCollection AddLimeCallPostgreSqlIdempotencyStore(
        this IServiceCollection services,
        string connectionString,
        Action<PostgreSqlIdempotencyStoreOptions>? configureStore = null,
        Action<IdempotentProcessorOptions>? configureIdempotency = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);

        // Created by the container, so disposed with it: its pooled connections close when the app stops.
        services.TryAddKeyedSingleton(DataSourceKey, (_, _) => NpgsqlDataSource.Create(connectionString));
        return services.AddLimeCallPostgreSqlIdempotencyStore(sp => sp.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey), configureStore, configureIdempotency);
    }

    /// <summary>
    /// Registers LimeCall idempotency backed by a <see cref="PostgreSqlIdempotencyStore"/> on a data source
    /// the caller provides (for example one shared with the application).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="dataSourceFactory">Returns the data source; called once.</param>
    /// <param name="configureStore">Sets schema and table name.</param>
    /// <param name="configureIdempotency">Sets namespace, lease and retention.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IServiceCollection AddLimeCallPostgreSqlIdempotencyStore(
        this IServiceCollection services,
        Func<IServiceProvider, NpgsqlDataSource> dataSourceFactory,
        Action<PostgreSqlIdempotencyStoreOptions>? configureStore = null,
        Action<IdempotentProcessorOptions>? configureIdempotency = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dataSourceFactory);
        var storeOptions = services.AddOptions<PostgreSqlIdempotencyStoreOptions>();
        if (configureStore is not null)
        {
            storeOptions.Configure(configureStore);
        }

        storeOptions.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlIdempotencyStoreOptions>, PostgreSqlIdempotencyStoreOptionsValidator>());

        services.AddLimeCallIdempotency(configureIdempotency);
        services.Replace(ServiceDescriptor.Singleton<IIdempotencyStore>(sp => sp.GetRequiredService<PostgreSqlIdempotencyStore>()));
        services.TryAddSingleton(sp => new PostgreSqlIdempotencyStore(
            dataSourceFactory(sp),
            sp.GetRequiredService<IOptions<PostgreSqlIdempotencyStoreOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// Registers the durable webhook inbox on PostgreSQL (<see cref="PostgreSqlWebhookInbox"/>, as <see cref="IWebhookInbox"/>)
    /// on its own <see cref="NpgsqlDataSource"/>, which the service provider owns and disposes. Turn the receiver's inbox
    /// mode on with <c>AddLimeCallWebhooks().UseInbox()</c>; create the table with <see cref="PostgreSqlWebhookInbox.EnsureSchemaAsync"/>
    /// or the shipped script.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionString">The PostgreSQL connection string.</param>
    /// <param name="configure">Sets schema, table name and namespace.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IServiceCollection AddLimeCallPostgreSqlInbox(this IServiceCollection services, string connectionString, Action<PostgreSqlWebhookInboxOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        services.TryAddKeyedSingleton(InboxDataSourceKey, (_, _) => NpgsqlDataSource.Create(connectionString));
        return services.AddLimeCallPostgreSqlInbox(sp => sp.GetRequiredKeyedService<NpgsqlDataSource>(InboxDataSourceKey), configure);
    }

    /// <summary>Registers the durable webhook inbox on PostgreSQL, on a data source the caller provides.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="dataSourceFactory">Returns the data source; called once.</param>
    /// <param name="configure">Sets schema, table name and namespace.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IServiceCollection AddLimeCallPostgreSqlInbox(this IServiceCollection services, Func<IServiceProvider, NpgsqlDataSource> dataSourceFactory, Action<PostgreSqlWebhookInboxOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dataSourceFactory);
        var options = services.AddOptions<PostgreSqlWebhookInboxOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlWebhookInboxOptions>, PostgreSqlWebhookInboxOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new PostgreSqlWebhookInbox(
            dataSourceFactory(sp),
            sp.GetRequiredService<IOptions<PostgreSqlWebhookInboxOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.Replace(ServiceDescriptor.Singleton<IWebhookInbox>(sp => sp.GetRequiredService<PostgreSqlWebhookInbox>()));
        return services;
    }
}
