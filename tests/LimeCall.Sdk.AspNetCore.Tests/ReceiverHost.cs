using System.Collections.Concurrent;
using System.Net;
using LimeCall.Sdk.TestKit;
using LimeCall.Sdk.Testing;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.AspNetCore.Tests;

/// <summary>What the test handlers saw, shared by every handler instance of one host.</summary>
public sealed class HandlerLog
{
    public ConcurrentQueue<(string Handler, LimeCallEvent Event, string IdempotencyKey, int RawBodyLength)> Calls { get; } = new();

    public ConcurrentDictionary<string, int> FailuresLeft { get; } = new(StringComparer.Ordinal);

    public int CallsTo(string handler) => Calls.Count(c => c.Handler == handler);
}

public sealed class CallMissedHandler(HandlerLog log) : ILimeCallWebhookHandler<CallMissedEvent>
{
    public Task HandleAsync(CallMissedEvent data, LimeCallWebhookContext context)
    {
        if (log.FailuresLeft.TryGetValue(context.Event.IdempotencyKey, out var left) && left > 0)
        {
            log.FailuresLeft[context.Event.IdempotencyKey] = left - 1;
            throw new InvalidOperationException("injected handler failure");
        }

        log.Calls.Enqueue((nameof(CallMissedHandler), context.Event, context.IdempotencyKey, context.RawBody.Length));
        return Task.CompletedTask;
    }
}

public sealed class AnyCallHandler(HandlerLog log) : ILimeCallWebhookHandler<CallEvent>
{
    public Task HandleAsync(CallEvent data, LimeCallWebhookContext context)
    {
        log.Calls.Enqueue((nameof(AnyCallHandler), context.Event, context.IdempotencyKey, context.RawBody.Length));
        return Task.CompletedTask;
    }
}

public sealed class CatchAllHandler(HandlerLog log) : ILimeCallWebhookHandler<LimeCallEventData>
{
    public Task HandleAsync(LimeCallEventData data, LimeCallWebhookContext context)
    {
        log.Calls.Enqueue((nameof(CatchAllHandler), context.Event, context.IdempotencyKey, context.RawBody.Length));
        return Task.CompletedTask;
    }
}

/// <summary>A small receiver application, on TestServer or on real Kestrel at 127.0.0.1.</summary>
public sealed class ReceiverHost : IAsyncDisposable
{
    private ReceiverHost(WebApplication app, HandlerLog log)
    {
        App = app;
        Log = log;
    }

    public WebApplication App { get; }

    public HandlerLog Log { get; }

    public Uri Url { get; private set; } = null!;

    public static async Task<ReceiverHost> StartAsync(
        Action<LimeCallWebhookOptions> configure,
        bool kestrel = false,
        bool idempotency = true,
        Action<WebApplication>? mapMore = null,
        TimeProvider? time = null,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var log = new HandlerLog();
        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        if (kestrel)
        {
            builder.WebHost.ListenOnLoopback();
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Services.AddSingleton(log);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        services?.Invoke(builder.Services);
        if (idempotency)
        {
            builder.Services.AddLimeCallIdempotency();
        }

        var webhooks = builder.Services.AddLimeCallWebhooks(configure)
            .AddHandler<CallMissedEvent, CallMissedHandler>()
            .AddHandler<CallEvent, AnyCallHandler>()
            .AddHandler<LimeCallEventData, CatchAllHandler>();
        _ = idempotency ? webhooks : webhooks.AllowDuplicateProcessing();

        var app = builder.Build();
        app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue("X-Test-Remote-Ip", out var ip))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(ip.ToString());
            }

            return next(context);
        });
        app.UseRouting();
        app.UseLimeCallSignatureVerification();
        app.MapLimeCallWebhooks("/webhooks/limecall");
        mapMore?.Invoke(app);
        await app.StartAsync();
        var host = new ReceiverHost(app, log);
        host.Url = kestrel
            ? new Uri(app.GetLoopbackAddress(), "webhooks/limecall")
            : new Uri("http://localhost/webhooks/limecall");
        host.CapturedLogs = logs;
        return host;
    }

    public CapturingLoggerProvider CapturedLogs { get; private set; } = null!;

    public HttpClient Client() => App.GetTestClient();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
