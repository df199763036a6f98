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

namespace LimeCall.Sdk.Benchmarks;

/// <summary>
/// The receiver's whole in-process pipeline per 1 KiB event (read, verify, parse, claim, dispatch to a
/// handler, complete), against a floor endpoint that only reads the body and answers 200, with verify +
/// parse measured alone so the SDK's added cost can be compared with it. Every event has its own id.
/// </summary>
[MemoryDiagnoser]
public class ReceiverPipelineBenchmarks
{
    private const int Events = 1024;
    private const string Secret = "whsec_pipeline_benchmark";
    private readonly ManualTimeProvider _time = new();
    private byte[][] _bodies = [];
    private string[] _signatures = [];
    private WebApplication _app = null!;
    private LimeCallWebhookReceiver _receiver = null!;
    private LimeCallSignatureVerifier _verifier = null!;

    [GlobalSetup]
    public void Setup()
    {
        var template = Encoding.UTF8.GetString(Payloads.Enveloped);
        _bodies = [.. Enumerable.Range(0, Events).Select(i => Encoding.UTF8.GetBytes(template.Replace("evt_3f9a0c2e7b1d4a6f8e0c", $"evt_{i:D20}", StringComparison.Ordinal)))];
        _signatures = [.. _bodies.Select(b => LimeCallSigner.ComputeSignature(Encoding.UTF8.GetBytes(Secret), b))];
        _verifier = new LimeCallSignatureVerifier(Secret);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddLimeCallIdempotency(o => o.Retention = TimeSpan.FromMinutes(1));
        builder.Services.AddLimeCallWebhooks(o => o.Secrets.Add(Secret)).AddHandler<CallCompletedEvent, CountingHandler>();
        _app = builder.Build();
        _receiver = _app.Services.GetRequiredService<LimeCallWebhookReceiver>();
        if (Pipeline() != Events * StatusCodes.Status200OK)
        {
            throw new InvalidOperationException("The pipeline did not answer 200 to every event.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _verifier.Dispose();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "Floor: endpoint that reads the body and answers 200")]
    public int Floor()
    {
        var total = 0;
        for (var i = 0; i < Events; i++)
        {
            var context = Request(i);
            var buffer = ArrayPool<byte>.Shared.Rent(2048);
            while (context.Request.Body.Read(buffer) > 0)
            {
            }

            ArrayPool<byte>.Shared.Return(buffer);
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

    [Benchmark(OperationsPerInvoke = Events, Description = "SDK pipeline: read, verify, parse, claim, dispatch, complete")]
    public int Pipeline()
    {
        var total = 0;
        for (var i = 0; i < Events; i++)
        {
            var context = Request(i);
            using var scope = _app.Services.CreateScope();
            context.RequestServices = scope.ServiceProvider;
            _receiver.HandleAsync(context).GetAwaiter().GetResult();
            total += context.Response.StatusCode;
        }

        // Let the completed keys expire so the next round claims every event again.
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
