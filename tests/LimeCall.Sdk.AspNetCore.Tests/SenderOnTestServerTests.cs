using LimeCall.Sdk.Testing.Sender;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;

namespace LimeCall.Sdk.AspNetCore.Tests;

/// <summary>
/// What docs/testing.md shows: the reference sender driven by a <see cref="FakeTimeProvider"/>, delivering into an app on
/// ASP.NET Core's in-memory test server (the server <c>WebApplicationFactory</c> gives), with no port and no waiting.
/// </summary>
public sealed class SenderOnTestServerTests
{
    private const string Secret = "whsec_test_server";

    [Fact]
    public async Task Sender_IntoATestServerOnAFakeClock_RetriesAFailedHandlerAfterTheDocumentedMinute()
    {
        var time = new FakeTimeProvider(TestKit.TestClock.Start);
        await using var host = await ReceiverHost.StartAsync(o => o.Secrets.Add(Secret), time: time);
        await using var sender = new LimeCallWebhookSender(new() { Secret = Secret }, time, handler: host.App.GetTestServer().CreateHandler());
        var evt = new LimeCallEvent(new CallMissedEvent { CallId = "call_ts" }) { Id = "evt_test_server" };
        host.Log.FailuresLeft[evt.Id!] = 1;

        var message = sender.Send(host.Url, evt);
        await message.WhenAttemptsAsync(1);      // the first attempt is answered (500) and logged ...
        time.Advance(TimeSpan.FromMinutes(1));   // ... so the clock may move: the 1-minute retry goes now
        var state = await message.WhenFinishedAsync();

        Assert.Equal(WebhookMessageState.Delivered, state);
        Assert.Equal([500, 200], message.Attempts.Select(a => a.StatusCode ?? 0));
        Assert.Equal(TimeSpan.FromMinutes(1), message.Attempts[1].ScheduledAt - message.Attempts[0].ScheduledAt);
        Assert.Equal(1, host.Log.CallsTo(nameof(CallMissedHandler)));
    }
}
