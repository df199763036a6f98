using System.Text;
using LimeCall.Sdk.AspNetCore.Receiving;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.AspNetCore.Tests;

/// <summary>
/// What a delivery costs in memory beyond what ASP.NET Core and the user's own handler cost anyway: nothing
/// but the parsed event when the handler completes synchronously, and a bounded few objects more when it awaits.
/// Measured on one thread after warm-up, as bytes, never as time.
/// </summary>
[Collection(Unshared.Name)]
public sealed class ReceiverAllocationTests
{
    private const string Secret = "whsec_allocation_test";
    private const int Requests = 256;

    [Fact]
    public async Task Delivery_AllocatesNothingBeyondTheAspNetBaselineTheHandlerAndTheEvent()
    {
        var bodies = Enumerable.Range(0, Requests * 2)
            .Select(i => Encoding.UTF8.GetBytes($$$"""{"id":"evt_{{{i:D12}}}","type":"call.completed","data":{"call_id":"c{{{i}}}","duration":184,"customer_number":"+14155550123"}}"""))
            .ToArray();
        var signatures = bodies.Select(b => LimeCallSigner.ComputeSignature(Encoding.UTF8.GetBytes(Secret), b)).ToArray();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddLimeCallWebhooks(o => o.Secrets.Add(Secret)).AddHandler<CallCompletedEvent, NoOpHandler>().AllowDuplicateProcessing();
        await using var app = builder.Build();
        var receiver = app.Services.GetRequiredService<LimeCallWebhookReceiver>();

        // What any ASP.NET Core endpoint with a scoped service costs, plus the event: the floor.
        long Floor(int i)
        {
            var context = Request(bodies[i], signatures[i]);
            using var scope = app.Services.CreateScope();
            context.RequestServices = scope.ServiceProvider;
            _ = context.RequestAborted;
            _ = scope.ServiceProvider.GetRequiredService<NoOpHandler>();
            return LimeCallEventSerializer.Default.Parse(bodies[i]).Id!.Length;
        }

        long Delivery(int i)
        {
            var context = Request(bodies[i], signatures[i]);
            using var scope = app.Services.CreateScope();
            context.RequestServices = scope.ServiceProvider;
            var pending = receiver.HandleAsync(context);
            Assert.True(pending.IsCompletedSuccessfully);
            return context.Response.StatusCode;
        }

        var floor = BytesPerCall(Floor);
        var delivery = BytesPerCall(Delivery);

        Assert.True(delivery <= floor, $"a delivery allocated {delivery} bytes; the floor (ASP.NET, the handler's scope, the event) is {floor}");
    }

    [Fact]
    public async Task DeliveryWhoseHandlerAwaits_CostsAtMostATaskAndTheClaimsRenewalEntryBeyondOneThatDoesNot()
    {
        // Idempotency on (the default), so the claim, its renewal and the completion are all on the path. Every call
        // has an event of its own: warm-up and measurement never see a duplicate.
        var bodies = Enumerable.Range(0, Requests * 4)
            .Select(i => Encoding.UTF8.GetBytes($$$"""{"id":"evt_{{{i:D12}}}","type":"call.completed","data":{"call_id":"c{{{i}}}","duration":184}}"""))
            .ToArray();
        var signatures = bodies.Select(b => LimeCallSigner.ComputeSignature(Encoding.UTF8.GetBytes(Secret), b)).ToArray();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<HandlerGate>();
        builder.Services.AddLimeCallIdempotency();
        builder.Services.AddLimeCallWebhooks(o => o.Secrets.Add(Secret)).AddHandler<CallCompletedEvent, GatedHandler>();
        await using var app = builder.Build();
        var receiver = app.Services.GetRequiredService<LimeCallWebhookReceiver>();
        var gate = app.Services.GetRequiredService<HandlerGate>();

        // The handler's I/O, completed by this thread, so every continuation runs here and pooled objects come back
        // to the thread that rents them, as on a server's connection loop.
        long Delivery(int i, bool awaits)
        {
            var context = Request(bodies[i], signatures[i]);
            using var scope = app.Services.CreateScope();
            context.RequestServices = scope.ServiceProvider;
            var io = awaits ? new TaskCompletionSource() : null;
            gate.Pending = io?.Task ?? Task.CompletedTask;
            var pending = receiver.HandleAsync(context);
            Assert.Equal(!awaits, pending.IsCompleted);
            io?.SetResult();
            Assert.True(pending.IsCompletedSuccessfully);
            return context.Response.StatusCode;
        }

        // On a pool thread: with xUnit's synchronization context current, continuations are queued, not run inline.
        var (synchronous, awaiting) = await Task.Run(() => MedianBytesAlternating(i => Delivery(i, awaits: false), i => Delivery(i, awaits: true)));
        var handlersAwait = BytesPerCall(_ =>
        {
            var io = new TaskCompletionSource();
            io.SetResult();
            return io.Task.IsCompleted ? 1 : 0;
        });

        // What the SDK adds when a handler awaits: the Task ASP.NET awaits (an endpoint that awaits returns one) and
        // the claim's entry in the renewal heartbeat's list. No timer, no state machine per nested step.
        const int Allowed = 192;
        var added = awaiting - synchronous - handlersAwait;
        Assert.True(added is >= 0 and <= Allowed, $"a delivery whose handler awaits allocated {added} bytes more than one that does not (beyond the handler's own await); at most {Allowed} expected (synchronous {synchronous}, awaiting {awaiting}, the handler's await {handlersAwait})");
    }

    /// <summary>
    /// The median bytes of single calls of two kinds, alternated, after a warm-up round; each call takes an index of its
    /// own. The median, because the in-memory store's table grows now and then (each call records a new key), and a
    /// mean would charge that growth to whichever kind happened to cross it.
    /// </summary>
    private static (long First, long Second) MedianBytesAlternating(Func<int, long> first, Func<int, long> second)
    {
        var firstBytes = new long[Requests];
        var secondBytes = new long[Requests];
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < Requests; i++)
            {
                var index = ((round * Requests) + i) * 2;
                var before = GC.GetAllocatedBytesForCurrentThread();
                first(index);
                var between = GC.GetAllocatedBytesForCurrentThread();
                second(index + 1);
                firstBytes[i] = between - before;
                secondBytes[i] = GC.GetAllocatedBytesForCurrentThread() - between;
            }
        }

        return (Median(firstBytes), Median(secondBytes));
    }

    private static long Median(long[] values)
    {
        Array.Sort(values);
        return values[values.Length / 2];
    }

    /// <summary>Bytes per call on this thread, after a warm-up; the calls measured take indexes the warm-up did not.</summary>
    private static long BytesPerCall(Func<int, long> call)
    {
        long sink = 0;
        for (var i = 0; i < Requests; i++)
        {
            sink += call(i); // warm-up: JIT, pools, lazily created singletons
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Requests; i++)
        {
            sink += call(Requests + i);
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / Requests;
        Assert.True(sink > 0);
        return perCall;
    }

    private static DefaultHttpContext Request(byte[] body, string signature)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Request.Headers[LimeCallWebhookHeaders.Signature] = signature;
        return context;
    }

    public sealed class HandlerGate
    {
        public Task Pending { get; set; } = Task.CompletedTask;
    }

    public sealed class GatedHandler(HandlerGate gate) : ILimeCallWebhookHandler<CallCompletedEvent>
    {
        public Task HandleAsync(CallCompletedEvent webhookEvent, LimeCallWebhookContext context) => gate.Pending;
    }

    public sealed class NoOpHandler : ILimeCallWebhookHandler<CallCompletedEvent>
    {
        public Task HandleAsync(CallCompletedEvent webhookEvent, LimeCallWebhookContext context) => Task.CompletedTask;
    }
}
