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
/// but the parsed event. Measured on this thread with the handler completing synchronously (the pooled async
/// path is covered by the benchmark), after warm-up, as bytes, never as time.
/// </summary>
public sealed class ReceiverAllocationTests
{
    private const string Secret = "whsec_allocation_test";
    private const int Requests = 256;

    [Fact]
    public async Task Delivery_AllocatesNothingBeyondTheAspNetBaselineTheHandlerAndTheEvent()
    {
        var bodies = Enumerable.Range(0, Requests)
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
            sink += call(i);
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

    public sealed class NoOpHandler : ILimeCallWebhookHandler<CallCompletedEvent>
    {
        public Task HandleAsync(CallCompletedEvent webhookEvent, LimeCallWebhookContext context) => Task.CompletedTask;
    }
}
