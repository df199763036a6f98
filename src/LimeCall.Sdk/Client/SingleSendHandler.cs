using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.Client;

/// <summary>
/// The innermost handler of the client's <see cref="HttpClient"/>: each request the client builds may reach the
/// network once. A handler outside it that retries (one added to every client by
/// <c>ConfigureHttpClientDefaults</c>, as .NET Aspire's service defaults do) would otherwise ring a customer
/// again after an answer the client deliberately does not retry.
/// </summary>
internal sealed class SingleSendHandler : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<Ticket> TicketKey = new("LimeCall.SingleSend");

    /// <summary>Marks a request the client built; retrying handlers copy options to their clones, so clones share the ticket.</summary>
    public static void Issue(HttpRequestMessage request) => request.Options.Set(TicketKey, new Ticket());

    /// <summary>
    /// Removes resilience handlers that host-wide defaults added, and puts this handler innermost. Runs as a
    /// post-configuration, after every other configuration of the client, whatever order the app registered them in.
    /// </summary>
    public static void Configure(HttpMessageHandlerBuilder builder)
    {
        var handlers = builder.AdditionalHandlers;
        for (var i = handlers.Count - 1; i >= 0; i--)
        {
            // Matched by name: referencing Microsoft.Extensions.Http.Resilience for one type test would add about
            // eight packages (telemetry, compliance, exception summarisation, ...) to every app that uses this SDK.
            // Any retrying handler this misses is still stopped by SendAsync below.
            if (string.Equals(handlers[i].GetType().FullName, "Microsoft.Extensions.Http.Resilience.ResilienceHandler", StringComparison.Ordinal))
            {
                if (builder.Services.GetService<ILoggerFactory>() is { } loggers)
                {
                    ClientLog.ResilienceHandlerRemoved(loggers.CreateLogger<LimeCallClient>());
                }

                handlers.RemoveAt(i);
            }
        }

        handlers.Add(new SingleSendHandler());
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(TicketKey, out var ticket) && Interlocked.Exchange(ref ticket.Used, 1) == 1)
        {
            throw new ResendRefusedException();
        }

        return base.SendAsync(request, cancellationToken);
    }

    private sealed class Ticket
    {
        public int Used;
    }
}
