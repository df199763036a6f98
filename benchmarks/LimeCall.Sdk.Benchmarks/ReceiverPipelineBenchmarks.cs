using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.AspNetCore.Receiving;
using LimeCall.Sdk.TestKit;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LimeCall.Sdk.Benchmarks;

/// <summary>
/// The receiver's whole in-process pipeline per 1 KiB event (read, verify, parse, claim, dispatch to a
/// handler, complete), against a floor endpoint that only reads the body and answers 200, with verify +
/// parse measured alone so the SDK's added cost can be compared with it. Every event has its own id.
/// </summary>
/// <remarks>
/// The floor is what ASP.NET Core does for any endpoint: an <see cref="HttpContext"/>, a request-services scope,
/// the request-aborted token (a feature Kestrel provides on every request; a <see cref="DefaultHttpContext"/>
/// creates it on first use), and the body read. The pipeline is measured with and without the idempotency
/// store, so each allocation beyond the floor can be named: the event (see "Verify + parse alone"), the
/// handler instance in the request scope (scoped, as users' handlers are), and the store's record of the event.
/// </remarks>
[MemoryDiagnoser]
public class ReceiverPipelineBenchmarks
{
    private const int Events = 1024;
    private const string Secret = "whsec_pipeline_benchmark";
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private byte[][] _bodies = [];
    private string[] _signatures = [];
    private WebApplication _app = null!;
    private WebApplication _appWithoutStore = null!;
    private WebApplication _appAwaiting = null!;
    private LimeCallWebhookReceiver _receiverAwaiting = null!;
    private LimeCallWebhookReceiver _receiver = null!;
    private LimeCallWebhookReceiver _receiverWithoutStore = null!;
    private LimeCallSignatureVerifier _verifier = null!;

    [GlobalSetup]
    public void Setup()
    {
        var template = Encoding.UTF8.GetString(Payloads.Enveloped);
        _bodies = [.. Enumerable.Range(0, Events).Select(i => Encoding.UTF8.GetBytes(template.Replace("evt_3f9a0c2e7b1d4a6f8e0c", $"evt_{i:D20}", StringComparison.Ordinal)))];
        _signatures = [.. _bodies.Select(b => LimeCallSigner.ComputeSignature(Encoding.UTF8.GetBytes(Secret), b))];
        _verifier = new LimeCallSignatureVerifier(Secret);

        _app = Build(idempotency: true);
        _receiver = _app.Services.GetRequiredService<LimeCallWebhookReceiver>();
        _appAwaiting = Build(idempotency: true, awaitingHandler: true);
        _receiverAwaiting = _appAwaiting.Services.GetRequiredService<LimeCallWebhookReceiver>();
        _appWithoutStore = Build(idempotency: false);
        _receiverWithoutStore = _appWithoutStore.Services.GetRequiredService<LimeCallWebhookReceiver>();
        if (Pipeline() != Events * StatusCodes.Status200OK || PipelineWithoutStore() != Events * StatusCodes.Status200OK)
        {
            throw new InvalidOperationException("The pipeline did not answer 200 to every event.");
        }
    }

    private WebApplication Build(bool idempotency, bool awaitingHandler = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(_time);
        if (idempotency)
        {
            builder.Services.AddLimeCallIdempotency(o => o.Retention = TimeSpan.FromMinutes(1));
        }

        var webhooks = builder.Services.AddLimeCallWebhooks(o => o.Secrets.Add(Secret));
        if (awaitingHandler)
        {
            webhooks.AddHandler<CallCompletedEvent, AwaitingHandler>();
        }
        else
        {
            webhooks.AddHandler<CallCompletedEvent, CountingHandler>();
        }

        if (!idempotency)
        {
            webhooks.AllowDuplicateProcessing();
        }

        return builder.Build();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _verifier.Dispose();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _appWithoutStore.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _appAwaiting.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "Floor: endpoint that reads the body and answers 200")]
    public int Floor()
    {
        var total = 0;
        for (var i = 0; i < Events; i++)
        {
            var context = Request(i);
            using var scope = _app.Services.CreateScope();
            context.RequestServices = scope.ServiceProvider;
            ReadBody(context);
            context.Response.StatusCode = StatusCodes.Status200OK;
            total += context.Response.StatusCode;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "Verify + parse alone")]
    public int VerifyAndParse()
    {
        var total = 0;
        for (var i = 0; i < Events; i++)
        {
            total += _verifier.Verify(_bodies[i], _signatures[i]).IsValid ? 1 : 0;
            total += LimeCallEventSerializer.Default.Parse(_bodies[i]).Id!.Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "SDK pipeline without a store: read, verify, parse, dispatch")]
    public int PipelineWithoutStore() => Deliver(_appWithoutStore, _receiverWithoutStore);

    [Benchmark(OperationsPerInvoke = Events, Description = "SDK pipeline: read, verify, parse, claim, dispatch, complete")]
    public int Pipeline() => Deliver(_app, _receiver);

    // The awaiting rows run their requests the way Kestrel does: one connection's loop awaits each request in turn,
    // so a request starts on the thread where the last one finished, and nothing blocks a thread per request.
    // (Blocking on each request instead starts every request on the benchmark's own thread while it finishes on a
    // pool thread: the pooled state machines the SDK and .NET use are then given back on a thread that never rents
    // them again, which no server does. The SDK measured that way: about 5.9 KB a request.)
    [Benchmark(OperationsPerInvoke = Events, Description = "Floor, awaiting: the same endpoint awaiting once (I/O)")]
    public int FloorAwaiting() => FloorAwaitingLoopAsync().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Events, Description = "SDK pipeline, awaiting: the handler awaits once (I/O)")]
    public int PipelineAwaiting() => DeliverLoopAsync(_appAwaiting, _receiverAwaiting).GetAwaiter().GetResult();

    private async Task<int> FloorAwaitingLoopAsync()
    {
        var total = 0;
        for (var i = 0; i < Events; i++)
        {
            total += await FloorAwaitingAsync(i).ConfigureAwait(false);
        }

        return total;
    }

    private async Task<int> FloorAwaitingAsync(int i)
    {
        var context = Request(i);
        using var scope = _app.Services.CreateScope();
        context.RequestServices = scope.ServiceProvider;
        ReadBody(context);
        await Task.Yield();
        context.Response.StatusCode = StatusCodes.Status200OK;
        return context.Response.StatusCode;
    }

    // What any endpoint does: observe the request-aborted token (a Kestrel feature) and read the body.
    private static void ReadBody(HttpContext context)
    {
        var aborted = context.RequestAborted;
        var buffer = ArrayPool<byte>.Shared.Rent(2048);
        while (context.Request.Body.Read(buffer) > 0 && !aborted.IsCancellationRequested)
        {
        }

        ArrayPool<byte>.Shared.Return(buffer);
    }

    private int Deliver(WebApplication app, LimeCallWebhookReceiver receiver)
    {
        var total = 0;
        for (var i = 0; i < Events; i++)
        {
            var context = Request(i);
            using var scope = app.Services.CreateScope();
            context.RequestServices = scope.ServiceProvider;
            receiver.HandleAsync(context).GetAwaiter().GetResult();
            total += context.Response.StatusCode;
        }

        // Let the completed keys expire so the next round claims every event again.
        _time.Advance(TimeSpan.FromMinutes(2));
        return total;
    }

    private async Task<int> DeliverLoopAsync(WebApplication app, LimeCallWebhookReceiver receiver)
    {
        var total = 0;
        for (var i = 0; i < Events; i++)
        {
            var context = Request(i);
            using var scope = app.Services.CreateScope();
            context.RequestServices = scope.ServiceProvider;
            await receiver.HandleAsync(context).ConfigureAwait(false);
            total += context.Response.StatusCode;
        }

        _time.Advance(TimeSpan.FromMinutes(2));
        return total;
    }

    private DefaultHttpContext Request(int i)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = _bodies[i].Length;
        context.Request.Body = new MemoryStream(_bodies[i], writable: false);
        context.Request.Headers[LimeCallWebhookHeaders.Signature] = _signatures[i];
        return context;
    }

    /// <summary>A handler that awaits once, as one doing I/O does.</summary>
    public sealed class AwaitingHandler : ILimeCallWebhookHandler<CallCompletedEvent>
    {
        public async Task HandleAsync(CallCompletedEvent webhookEvent, LimeCallWebhookContext context) => await Task.Yield();
    }

    /// <summary>A handler that does the least a handler can: look at the event.</summary>
    public sealed class CountingHandler : ILimeCallWebhookHandler<CallCompletedEvent>
    {
        private static long _count;

        public static long Count => Interlocked.Read(ref _count);

        public Task HandleAsync(CallCompletedEvent webhookEvent, LimeCallWebhookContext context)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }
    }
}
