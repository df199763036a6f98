using LimeCall.Sdk;

namespace LimeCall.CallbackWorker1;

public static class CallbackWorkerServiceCollectionExtensions
{
    /// <summary>The worker, its queue, and the LimeCall client (configured from LimeCall:).</summary>
    public static IServiceCollection AddCallbackWorker(this IServiceCollection services)
    {
        services.AddLimeCallClient();
        services.AddSingleton<CallbackQueue>();
        services.AddHostedService<CallbackWorker>();
        return services;
    }
}
