using LimeCall.Sdk.Testing.Sender;
using LimeCall.Sdk.TestKit;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.Extensions.Time.Testing;

namespace LimeCall.Sdk.AspNetCore.Tests;

/// <summary>The receiver on real Kestrel at 127.0.0.1, fed by the reference sender over real HTTP.</summary>
public sealed class ReceiverEndToEndTests : IAsyncLifetime
{
    private const string Secret = "whsec_e2e";
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private ReceiverHost _host = null!;

    public static TheoryData<string> Presets() => new() { "LimeCall webhooks", "LimePhone outbound webhooks", "Call-center platform" };

    public async Task InitializeAsync() => _host = await ReceiverHost.StartAsync(o => o.Secrets.Add(Secret), kestrel: true, time: _time);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [MemberData(nameof(Presets))]
    public async Task HandlerFailsTwiceThenSucceeds_EveryPresetDeliversAndTheEventIsProcessedOnce(string presetName)
    {
        var preset = new[] { WebhookRetrySchedule.LimeCallWebhooks, WebhookRetrySchedule.LimePhoneOutboundWebhooks, WebhookRetrySchedule.CallCenterPlatform }.Single(p => p.Name == presetName);
        await using var sender = new LimeCallWebhookSender(new() { Secret = Secret, Schedule = preset }, _time);
        var evt = new LimeCallEvent(new CallMissedEvent { CallId = "call_1" }) { Id = "evt_" + Guid.NewGuid().ToString("N"), Timestamp = _time.GetUtcNow() };
        _host.Log.FailuresLeft[evt.Id!] = 2;

        var message = sender.Send(_host.Url, evt);
        await StepAsync(message, preset);

        Assert.Equal(WebhookMessageState.Delivered, message.State);
        Assert.Equal([500, 500, 200], message.Attempts.Select(a => a.StatusCode ?? 0));
        Assert.Equal(1, _host.Log.Calls.Count(c => c.Handler == nameof(CallMissedHandler) && c.Event.Id == evt.Id));
    }

    [Fact]
    public async Task ConcurrentDuplicates_AreProcessedOnceAndEveryCopyIsAnsweredRetryably()
    {
        await using var sender = new LimeCallWebhookSender(new() { Secret = Secret }, _time);
        var events = Enumerable.Range(0, 10).Select(i => new LimeCallEvent(new CallCompletedEvent { CallId = $"call_{i}" }) { Id = $"evt_dup_{i}", Timestamp = _time.GetUtcNow() }).ToList();

        var messages = events.Select(e => sender.Send(_host.Url, e, new() { Faults = WebhookDeliveryFaults.Duplicate })).ToList();

        // Sync point: both copies of every message answered (they are logged together). Only then may the clock
        // move, or it would time out a copy still in flight.
        await Task.WhenAll(messages.Select(m => m.WhenAttemptsAsync(2)));
        foreach (var message in messages)
        {
            await StepAsync(message);
        }

        Assert.All(messages, m => Assert.Equal(WebhookMessageState.Delivered, m.State));
        Assert.All(messages, m => Assert.All(m.Attempts, a => Assert.Contains(a.StatusCode, new int?[] { 200, 503 })));
        Assert.All(events, e => Assert.Equal(1, _host.Log.Calls.Count(c => c.Handler == nameof(AnyCallHandler) && c.Event.Id == e.Id)));
    }

    [Theory]
    [InlineData(WebhookDeliveryFaults.WrongSignature)]
    [InlineData(WebhookDeliveryFaults.MissingSignature)]
    [InlineData(WebhookDeliveryFaults.DropConnection)]
    public async Task BadFirstAttempt_IsRejectedThenTheRetryIsProcessedOnce(WebhookDeliveryFaults fault)
    {
        await using var sender = new LimeCallWebhookSender(new() { Secret = Secret }, _time);
        var evt = new LimeCallEvent(new CallMissedEvent { CallId = "call_f" }) { Id = "evt_" + fault, Timestamp = _time.GetUtcNow() };

        var message = sender.Send(_host.Url, evt, new() { Faults = fault });
        await StepAsync(message);

        Assert.Equal(WebhookMessageState.Delivered, message.State);
        Assert.NotEqual(200, message.Attempts[0].StatusCode);
        Assert.Equal(1, _host.Log.Calls.Count(c => c.Handler == nameof(CallMissedHandler) && c.Event.Id == evt.Id));
    }

    [Fact]
    public async Task RotatedSecret_IsAcceptedWhileBothAreConfigured()
    {
        await using var host = await ReceiverHost.StartAsync(o => { o.Secrets.Add("whsec_new"); o.Secrets.Add(Secret); }, kestrel: true, time: _time);
        await using var sender = new LimeCallWebhookSender(new() { Secret = "whsec_new" }, _time);

        var byNew = sender.Send(host.Url, new LimeCallEvent(new CallMissedEvent { CallId = "c" }) { Id = "evt_new" });
        var byOld = sender.Send(host.Url, new LimeCallEvent(new CallMissedEvent { CallId = "d" }) { Id = "evt_old" }, new() { SigningSecret = Secret });
        var byRetired = sender.Send(host.Url, new LimeCallEvent(new CallMissedEvent { CallId = "e" }) { Id = "evt_retired" }, new() { SigningSecret = "whsec_retired" });
        await byNew.WhenFinishedAsync();
        await byOld.WhenFinishedAsync();
        await byRetired.WhenAttemptsAsync(1);

        Assert.Equal((200, 200, 401), (byNew.Attempts[0].StatusCode, byOld.Attempts[0].StatusCode, byRetired.Attempts[0].StatusCode));
    }

    [Theory]
    [InlineData("not json at all", 400)]
    [InlineData("{\"event\":\"call.missed\",\"x\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", 400)]
    [InlineData("{\"event\":\"call.missed\",\"call_id\":\"\\u0000\\uFFFF\"}", 200)]
    public async Task HostilePayloads_GetTheDocumentedStatusWithoutBreakingTheReceiver(string payload, int status)
    {
        await using var sender = new LimeCallWebhookSender(new() { Secret = Secret, Schedule = WebhookRetrySchedule.CallCenterPlatform }, _time);

        var message = sender.Send(_host.Url, System.Text.Encoding.UTF8.GetBytes(payload));
        await message.WhenAttemptsAsync(1);

        Assert.Equal(status, message.Attempts[0].StatusCode);
    }

    /// <summary>
    /// Advances the clock by exactly the schedule's next delay each time an attempt is logged (the retry timer is
    /// armed by then). Not "the next timer": the receiver's idempotency store keeps a sweep timer on this clock too.
    /// </summary>
    private async Task StepAsync(WebhookMessage message, WebhookRetrySchedule? schedule = null)
    {
        var delays = (schedule ?? WebhookRetrySchedule.LimeCallWebhooks).Delays;
        for (var seen = 1; ; seen++)
        {
            var next = message.WhenAttemptsAsync(seen);
            await Task.WhenAny(next, message.WhenFinishedAsync());
            if (!next.IsCompleted)
            {
                return;
            }

            if (message.State != WebhookMessageState.InFlight || seen > delays.Count)
            {
                await message.WhenFinishedAsync();
                return;
            }

            _time.Advance(delays[seen - 1]);
        }
    }
}
