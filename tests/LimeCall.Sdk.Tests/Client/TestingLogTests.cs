using LimeCall.Sdk.Client;
using LimeCall.Sdk.Testing.Emulator;
using LimeCall.Sdk.Testing.Payloads;
using LimeCall.Sdk.Testing.Sender;
using LimeCall.Sdk.TestKit;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.Tests.Client;

/// <summary>The emulator and the sender say what they do in the log, as a person testing from a terminal expects, and never a secret.</summary>
public sealed class TestingLogTests
{
    private const string Token = "tok_EMULATOR_LOG_SECRET";
    private const string Secret = "whsec_SENDER_LOG_SECRET";

    [Fact]
    public async Task Emulator_LogsEachApiRequestWithItsAnswer_NeverTheToken()
    {
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        await using var api = await LimeCallApiEmulator.StartAsync(new() { ApiToken = Token }, loggerFactory: loggers);
        var client = new LimeCallClient(new HttpClient(), Options.Create(new LimeCallClientOptions { ApiToken = Token, BaseAddress = api.BaseAddress }));

        await client.CreateCallbackAsync(new() { CustomerNumber = "+14155550123", TeamNumber = "+14155550100" });

        Assert.Contains(logs.Lines, l => l.Contains("POST /v1/callbacks -> 201", StringComparison.Ordinal));
        Assert.All(logs.Lines, l => Assert.DoesNotContain(Token, l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sender_LogsEachAttempt_NeverTheSecretOrTheSignature()
    {
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var receiver = new ScriptedHandler();
        receiver.Then(ScriptedHandler.Json(500, "{}"));
        receiver.Then(ScriptedHandler.Json(200, "{}"));
        var time = new SteppingTimeProvider();
        await using var sender = new LimeCallWebhookSender(
            new() { Secret = Secret, Schedule = WebhookRetrySchedule.CallCenterPlatform }, time, receiver, loggers.CreateLogger<LimeCallWebhookSender>());

        var message = sender.SendTestEvent(new Uri("https://receiver.example/hooks"), LimeCallEventTypes.CallMissed, LimeCallPayloadShape.Enveloped);
        var state = await time.RunAsync(() => message.WhenFinishedAsync());

        Assert.Equal(WebhookMessageState.Delivered, state);
        Assert.Contains(logs.Lines, l => l.Contains("call.missed attempt 1 (Test) -> 500", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("call.missed attempt 2 (Test) -> 200", StringComparison.Ordinal));
        var signature = receiver.Requests.First().Request.Headers.GetValues("X-LimeCall-Signature").Single();
        Assert.All(logs.Lines, l =>
        {
            Assert.DoesNotContain(Secret, l, StringComparison.Ordinal);
            Assert.DoesNotContain(signature, l, StringComparison.Ordinal);
        });
    }
}
