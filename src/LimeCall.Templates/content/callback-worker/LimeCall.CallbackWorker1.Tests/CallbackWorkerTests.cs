using LimeCall.Sdk.Client;
using LimeCall.Sdk.Testing.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace LimeCall.CallbackWorker1.Tests;

/// <summary>The worker against the LimeCall API emulator on 127.0.0.1: real HTTP, LimeCall's validation and answers.</summary>
public sealed class CallbackWorkerTests
{
    [Fact]
    public async Task AQueuedCallback_ReachesLimeCallOnce()
    {
        await using var limeCall = await LimeCallApiEmulator.StartAsync(new() { ApiToken = "test_api_token" });
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["LimeCall:BaseAddress"] = limeCall.BaseAddress.ToString();
        builder.Configuration["LimeCall:ApiToken"] = "test_api_token";
        builder.Services.AddCallbackWorker(); // as Program.cs registers it
        using var host = builder.Build();
        await host.StartAsync();

        var queue = host.Services.GetRequiredService<CallbackQueue>();
        await queue.EnqueueAsync(new CallbackRequest { CustomerNumber = "+14155550123", TeamNumber = "+14155550100" });
        await queue.EnqueueAsync(new CallbackRequest { CustomerNumber = "not a number", TeamNumber = "+14155550100" }); // refused before sending
        queue.Complete();
        await host.Services.GetServices<IHostedService>().OfType<CallbackWorker>().Single().ExecuteTask!; // drained
        await host.StopAsync();

        var callback = Assert.Single(limeCall.Callbacks);
        Assert.Equal("+14155550123", callback.CustomerNumber);
    }
}
