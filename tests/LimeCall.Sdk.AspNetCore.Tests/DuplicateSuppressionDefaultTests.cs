using System.Net;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.AspNetCore.Tests;

/// <summary>Forgetting <c>AddLimeCallIdempotency</c> never turns duplicate suppression off; only an explicit call does.</summary>
public sealed class DuplicateSuppressionDefaultTests
{
    private const string Secret = "whsec_default_idempotency";

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public async Task SameEventTwice_IsHandledOnceUnlessDuplicateProcessingIsAllowedExplicitly(bool allowDuplicates, int expectedRuns)
    {
        var log = new HandlerLog();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(log);
        var webhooks = builder.Services.AddLimeCallWebhooks(o => o.Secrets.Add(Secret)).AddHandler<CallMissedEvent, CallMissedHandler>();
        if (allowDuplicates)
        {
            webhooks.AllowDuplicateProcessing();
        }

        await using var app = builder.Build();
        app.MapLimeCallWebhooks("/webhooks/limecall");
        await app.StartAsync();
        var body = ReceiverStatusContractTests.Sample("call.missed");

        using var first = await app.GetTestClient().SendAsync(ReceiverStatusContractTests.Request(new Uri("http://localhost/webhooks/limecall"), body, sign: true, secret: Secret));
        using var second = await app.GetTestClient().SendAsync(ReceiverStatusContractTests.Request(new Uri("http://localhost/webhooks/limecall"), body, sign: true, secret: Secret));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(expectedRuns, log.CallsTo(nameof(CallMissedHandler)));
    }
}
