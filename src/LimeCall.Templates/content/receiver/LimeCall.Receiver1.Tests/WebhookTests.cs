using System.Net;
using LimeCall.Sdk.Testing.Payloads;
using LimeCall.Sdk.Testing.Sender;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LimeCall.Receiver1.Tests;

/// <summary>
/// The receiver as LimeCall meets it: signed deliveries from the reference sender (which signs, retries and misbehaves as
/// LimeCall documents), into the app on WebApplicationFactory's in-memory server.
/// </summary>
public sealed class WebhookTests : IClassFixture<WebApplicationFactory<Program>>
{
    private const string Secret = "whsec_tests_only";
    private readonly WebApplicationFactory<Program> _factory;

    public WebhookTests(WebApplicationFactory<Program> factory)
        => _factory = factory.WithWebHostBuilder(host => host.UseSetting("LimeCall:Webhooks:Secrets:0", Secret));

    private Uri Endpoint => new(_factory.Server.BaseAddress, "webhooks/limecall");

    [Fact]
    public async Task AMissedCall_DeliveredTwiceAtOnce_BecomesOneFollowUp()
    {
        await using var sender = new LimeCallWebhookSender(
            new() { Secret = Secret, Schedule = WebhookRetrySchedule.LimeCallWebhooks },
            handler: _factory.Server.CreateHandler());

        var message = sender.Send(Endpoint, LimeCallSamplePayloads.Get("call.missed").Utf8Json, new() { Faults = WebhookDeliveryFaults.Duplicate });

        Assert.Equal(WebhookMessageState.Delivered, await message.WhenFinishedAsync());
        Assert.Equal(1, _factory.Services.GetRequiredService<FollowUps>().Count);
    }

    [Fact]
    public async Task ADeliveryWithTheWrongSignature_IsRefusedWith401()
    {
        await using var sender = new LimeCallWebhookSender(
            new() { Secret = "whsec_not_this_apps", Schedule = new WebhookRetrySchedule("once", [], WebhookRetryCondition.AnyFailure) },
            handler: _factory.Server.CreateHandler());

        var message = sender.Send(Endpoint, LimeCallSamplePayloads.Get("call.missed").Utf8Json);

        Assert.Equal(WebhookMessageState.Failed, await message.WhenFinishedAsync());
        Assert.Equal((int)HttpStatusCode.Unauthorized, message.Attempts[0].StatusCode);
    }
}
