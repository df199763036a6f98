using System.Diagnostics;
using LimeCall.Sdk.Client;
using LimeCall.Sdk.TestKit;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LimeCall.Sdk.Tests.Client;

/// <summary>Client calls are spans on the shared LimeCall.Sdk source, tagged after OpenTelemetry's HTTP client conventions.</summary>
public sealed class LimeCallClientTelemetryTests
{
    private const string Token = "tok_TELEMETRY_SECRET";

    [Fact]
    public async Task CreateCallbackAsync_SucceedsOrFails_TheSpanSaysWhichWithoutTheToken()
    {
        using var activities = new ActivityCapture();
        var stopped = activities.Stopped;
        var handler = new ScriptedHandler();
        handler.Then(ScriptedHandler.Created("cb_1"));
        handler.Then(ScriptedHandler.Json(500, "{}"));
        var client = new LimeCallClient(new HttpClient(handler), Options.Create(new LimeCallClientOptions { ApiToken = Token }), new FakeTimeProvider(TestClock.Start));

        var created = await client.CreateCallbackAsync(new() { CustomerNumber = "+14155550123", TeamNumber = "+14155550100" });
        var failed = await Assert.ThrowsAsync<LimeCallOutcomeUnknownException>(() => client.CreateCallbackAsync(new() { CustomerNumber = "+14155550123", TeamNumber = "+14155550100" }));

        var ok = Assert.Single(stopped, a => Equals(a.GetTagItem("limecall.idempotency_key"), created.IdempotencyKey));
        var bad = Assert.Single(stopped, a => Equals(a.GetTagItem("limecall.idempotency_key"), failed.IdempotencyKey));
        Assert.Equal((ActivityKind.Client, ActivityStatusCode.Unset, "LimeCall.Client.CreateCallback"), (ok.Kind, ok.Status, ok.OperationName));
        Assert.Equal(("POST", "api.limecall.com", 443), (ok.GetTagItem("http.request.method"), ok.GetTagItem("server.address"), ok.GetTagItem("server.port")));
        Assert.Equal((ActivityStatusCode.Error, "500"), (bad.Status, bad.GetTagItem("error.type")));
        Assert.All(stopped.SelectMany(a => a.TagObjects), tag => Assert.DoesNotContain(Token, tag.Value?.ToString() ?? string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CaptureLeadAsync_IsASpanOfItsOwnName()
    {
        using var activities = new ActivityCapture();
        var stopped = activities.Stopped;
        var handler = new ScriptedHandler();
        handler.Then(ScriptedHandler.Json(200, """{"status":"success"}"""));
        var client = new LimeCallClient(new HttpClient(handler), Options.Create(new LimeCallClientOptions { ApiToken = Token }), new FakeTimeProvider(TestClock.Start));

        await client.CaptureLeadAsync(new Uri("https://hooks.limecall.com/inbound/telemetry-span"), LimeCallClientTests.Lead());

        var span = Assert.Single(stopped, a => Equals(a.GetTagItem("server.address"), "hooks.limecall.com") && a.OperationName == "LimeCall.Client.CaptureLead");
        Assert.Equal((ActivityKind.Client, ActivityStatusCode.Unset), (span.Kind, span.Status));
    }
}
