using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.Client;

/// <summary>The client's log messages. None carries the API token, a phone number or a request body.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(201, LogLevel.Information, "Removed a resilience handler from the LimeCall client's HttpClient: the client retries only what cannot ring a customer twice, and a second retry layer would break that", EventName = "ResilienceHandlerRemoved")]
    public static partial void ResilienceHandlerRemoved(ILogger logger);
}
