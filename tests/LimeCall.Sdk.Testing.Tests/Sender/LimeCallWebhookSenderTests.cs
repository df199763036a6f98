using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LimeCall.Sdk.Testing.Payloads;
using LimeCall.Sdk.Testing.Sender;
using LimeCall.Sdk.TestKit;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Testing.Tests.Sender;

public sealed class LimeCallWebhookSenderTests : IAsyncLifetime
{
    private const string Secret = "whsec_sender_tests";
    private readonly SteppingTimeProvider _time = new();
    private RecordingReceiver _receiver = null!;

    public static TheoryData<string> Presets() => new() { "LimeCall webhooks", "LimePhone outbound webhooks", "Call-center platform" };

    public async Task InitializeAsync() => _receiver = await RecordingReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Theory]
    [MemberData(nameof(Presets))]
    public async Task Send_ReceiverAlwaysFails_AttemptsExactlyOnThePresetsScheduleThenFails(string presetName)
    {
        var preset = Preset(presetName);
        _receiver.DefaultStatus = 503;
        await using var sender = Sender(preset);
        var start = _time.GetUtcNow();

        var message = sender.Send(_receiver.Url, Event("evt_1", "call_1"));
        await _time.RunScheduleAsync(message);

        var attempts = message.Attempts;
        Assert.Equal(WebhookMessageState.Failed, message.State);
        Assert.Equal(preset.Delays.Count + 1, attempts.Count);
        Assert.Equal(preset.Delays.Count + 1, _receiver.Requests.Count);
        var expected = start;
        for (var i = 0; i < attempts.Count; i++)
        {
            Assert.Equal(expected, attempts[i].ScheduledAt);
            Assert.Equal(expected, attempts[i].SentAt);
            Assert.Equal((i + 1, 503), (attempts[i].Number, attempts[i].StatusCode ?? 0));
            expected += i < preset.Delays.Count ? preset.Delays[i] : TimeSpan.Zero;
        }
    }

    [Fact]
    public void Presets_AreTheDocumentedSchedules()
    {
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(24)], WebhookRetrySchedule.LimeCallWebhooks.Delays);
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30)], WebhookRetrySchedule.LimePhoneOutboundWebhooks.Delays);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], WebhookRetrySchedule.CallCenterPlatform.Delays);
    }

    [Theory]
    [InlineData("LimeCall webhooks", 400, 6)]
    [InlineData("LimePhone outbound webhooks", 404, 5)]
    [InlineData("Call-center platform", 400, 1)]
    [InlineData("Call-center platform", 429, 1)]
    [InlineData("Call-center platform", 500, 4)]
    public async Task Send_ClientErrorOrServerError_IsRetriedAsThePresetSays(string presetName, int status, int expectedAttempts)
    {
        _receiver.DefaultStatus = status;
        await using var sender = Sender(Preset(presetName));

        var message = sender.Send(_receiver.Url, Event("evt_1", "call_1"));
        await _time.RunScheduleAsync(message);

        Assert.Equal(expectedAttempts, message.Attempts.Count);
        Assert.Equal(WebhookMessageState.Failed, message.State);
    }

    [Fact]
    public async Task Send_FailsThenSucceeds_IsDeliveredWithTheSameBodyAndEventIdEveryTime()
    {
        _receiver.Answer(500, 502);
        await using var sender = Sender(WebhookRetrySchedule.LimeCallWebhooks);

        var message = sender.Send(_receiver.Url, Event("evt_keep", "call_1"));
        await _time.RunScheduleAsync(message);

        Assert.Equal(WebhookMessageState.Delivered, message.State);
        Assert.Equal([500, 502, 200], message.Attempts.Select(a => a.StatusCode ?? 0));
        Assert.Single(_receiver.Requests.Select(r => Convert.ToHexString(r.Body)).Distinct());
        Assert.All(_receiver.Requests, r => Assert.Equal("evt_keep", LimeCallEventSerializer.Default.Parse(r.Body).Id));
        Assert.Equal("evt_keep", message.EventId);
    }

    [Fact]
    public async Task Send_SignsTheExactBodyAndSendsTheDocumentedHeaders()
    {
        await using var sender = new LimeCallWebhookSender(new() { Secret = Secret, BearerToken = "tok_abc" }, _time);

        var message = sender.Send(_receiver.Url, Event("evt_1", "call_1"));
        await message.WhenFinishedAsync();

        var request = Assert.Single(_receiver.Requests);
        using var verifier = new LimeCallSignatureVerifier(Secret);
        Assert.True(verifier.Verify(request.Body, request.Headers["X-LimeCall-Signature"]).IsValid);
        Assert.Matches("^[0-9a-f]{64}$", request.Headers["X-LimeCall-Signature"]);
        Assert.Equal("Bearer tok_abc", request.Headers["Authorization"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(message.Body.ToArray(), request.Body);
    }

    [Fact]
    public async Task Send_ConnectionRefused_IsLoggedAsATransportErrorAndRetried()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var sender = Sender(WebhookRetrySchedule.CallCenterPlatform);

        var message = sender.Send(new Uri($"http://127.0.0.1:{port}/hooks"), Event("evt_1", "call_1"));
        await _time.RunScheduleAsync(message);

        Assert.Equal(4, message.Attempts.Count);
        Assert.All(message.Attempts, a => Assert.Equal((null, "ConnectionError: Connection refused"), (a.StatusCode, a.Error)));
    }

    [Fact]
    public async Task Send_ReceiverDoesNotAnswerInTime_IsLoggedAsTimeoutAndRetried()
    {
        var hold = new TaskCompletionSource();
        _receiver.Hold = hold.Task;
        await using var sender = new LimeCallWebhookSender(new() { Secret = Secret, Schedule = WebhookRetrySchedule.CallCenterPlatform, AttemptTimeout = TimeSpan.FromSeconds(10) }, _time);

        var message = sender.Send(_receiver.Url, Event("evt_1", "call_1"));
        await _receiver.WhenRequestsAsync(1);
        _time.Advance(TimeSpan.FromSeconds(10));
        await message.WhenAttemptsAsync(1);
        _receiver.Hold = null;
        hold.SetResult();
        await _time.RunScheduleAsync(message);

        Assert.Equal(("timeout", (int?)null), (message.Attempts[0].Error, message.Attempts[0].StatusCode));
        Assert.Equal(TimeSpan.FromSeconds(10), message.Attempts[0].Duration);
        Assert.Equal(WebhookMessageState.Delivered, message.State);
    }

    [Fact]
    public async Task Send_EventsOfOneCall_ArriveInOrderEvenWhileTheFirstIsRetrying()
    {
        var failuresLeft = 2;
        _receiver.Respond = r => LimeCallEventSerializer.Default.Parse(r.Body).Id == "evt_1" && Interlocked.Decrement(ref failuresLeft) >= 0 ? 500 : null;
        await using var sender = Sender(WebhookRetrySchedule.LimeCallWebhooks);

        var first = sender.Send(_receiver.Url, Event("evt_1", "call_A"));
        var second = sender.Send(_receiver.Url, Event("evt_2", "call_A"));
        var third = sender.Send(_receiver.Url, Event("evt_3", "call_A"));
        var other = sender.Send(_receiver.Url, Event("evt_x", "call_B"));
        await other.WhenFinishedAsync();
        await _time.RunScheduleAsync(first);
        await Task.WhenAll(second.WhenFinishedAsync(), third.WhenFinishedAsync());

        var callA = _receiver.Requests.Select(r => LimeCallEventSerializer.Default.Parse(r.Body)).Where(e => e.Data is CallEvent { CallId: "call_A" }).Select(e => e.Id);
        Assert.Equal(["evt_1", "evt_1", "evt_1", "evt_2", "evt_3"], callA);
        Assert.Equal("call_A", first.OrderingKey);
    }

    [Fact]
    public async Task SendAll_WithAShuffleSeed_DeliversOneCallsEventsOutOfOrderRepeatably()
    {
        var events = Enumerable.Range(1, 8).Select(i => Event($"evt_{i}", "call_A")).ToList();
        await using var sender = Sender(WebhookRetrySchedule.LimeCallWebhooks);

        var inOrder = sender.SendAll(_receiver.Url, events);
        await sender.WhenIdleAsync();
        var shuffled = sender.SendAll(_receiver.Url, events, shuffleSeed: 3);
        var again = sender.SendAll(_receiver.Url, events, shuffleSeed: 3);
        await sender.WhenIdleAsync();

        Assert.Equal(events.Select(e => e.Id), inOrder.Select(m => m.EventId));
        Assert.NotEqual(events.Select(e => e.Id), shuffled.Select(m => m.EventId));
        Assert.Equal(shuffled.Select(m => m.EventId), again.Select(m => m.EventId));
        Assert.All(shuffled, m => Assert.Null(m.OrderingKey));
        Assert.Equal(24, _receiver.Requests.Count);
    }

    [Fact]
    public async Task RedeliverAsync_FailedMessage_SendsItAgainByHandWithTheSameEventId()
    {
        _receiver.DefaultStatus = 400;
        await using var sender = Sender(WebhookRetrySchedule.CallCenterPlatform);
        var message = sender.Send(_receiver.Url, Event("evt_1", "call_1"));
        Assert.Equal(WebhookMessageState.Failed, await message.WhenFinishedAsync());

        _receiver.DefaultStatus = 200;
        var state = await sender.RedeliverAsync(message);

        Assert.Equal(WebhookMessageState.Delivered, state);
        Assert.Equal(WebhookMessageState.Delivered, message.State);
        Assert.Equal([WebhookDeliveryTrigger.Scheduled, WebhookDeliveryTrigger.Manual], message.Attempts.Select(a => a.Trigger));
        Assert.Equal([1, 2], message.Attempts.Select(a => a.Number));
        Assert.Equal(_receiver.Requests[0].Body, _receiver.Requests[1].Body);
    }

    [Fact]
    public async Task RedeliverAsync_WhileInFlight_Throws()
    {
        _receiver.DefaultStatus = 500;
        await using var sender = Sender(WebhookRetrySchedule.LimeCallWebhooks);
        var message = sender.Send(_receiver.Url, Event("evt_1", "call_1"));
        await message.WhenAttemptsAsync(1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => sender.RedeliverAsync(message));
    }

    [Fact]
    public async Task ExportLogJson_HasEveryAttemptWithTruncatedResponses()
    {
        _receiver.DefaultStatus = 500;
        _receiver.ResponseBody = new string('x', 5000);
        await using var sender = new LimeCallWebhookSender(new() { Secret = Secret, Schedule = WebhookRetrySchedule.CallCenterPlatform, MaxLoggedResponseChars = 100 }, _time);
        var message = sender.Send(_receiver.Url, Event("evt_1", "call_1"));
        await _time.RunScheduleAsync(message);

        using var log = JsonDocument.Parse(sender.ExportLogJson());

        var entry = Assert.Single(log.RootElement.EnumerateArray());
        Assert.Equal(("evt_1", "call.completed", "Failed"), (entry.GetProperty("event_id").GetString(), entry.GetProperty("event_type").GetString(), entry.GetProperty("state").GetString()));
        var attempts = entry.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(4, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(100, a.GetProperty("response").GetString()!.Length));
        Assert.Equal(500, attempts[3].GetProperty("status").GetInt32());
        Assert.Equal("Scheduled", attempts[0].GetProperty("trigger").GetString());
    }

    [Fact]
    public async Task SendTestEvent_SendsTheCatalogSampleMarkedAsATest()
    {
        await using var sender = Sender(WebhookRetrySchedule.LimeCallWebhooks);

        var message = sender.SendTestEvent(_receiver.Url, "missed_call", LimeCallPayloadShape.Flat);
        await message.WhenFinishedAsync();

        Assert.True(message.IsTest);
        Assert.Equal(WebhookDeliveryTrigger.Test, Assert.Single(message.Attempts).Trigger);
        Assert.Equal(LimeCallSamplePayloads.Get("call.missed", LimeCallPayloadShape.Flat).Utf8Json.ToArray(), _receiver.Requests[0].Body);
        Assert.Equal("call.missed", message.EventType);
    }

    [Fact]
    public async Task Faults_Duplicate_SendsTheSameRequestTwiceAtOnce()
    {
        await using var sender = Sender(WebhookRetrySchedule.LimeCallWebhooks);

        var message = sender.Send(_receiver.Url, Event("evt_1", "call_1"), new() { Faults = WebhookDeliveryFaults.Duplicate });
        await message.WhenFinishedAsync();

        Assert.Equal(2, _receiver.Requests.Count);
        Assert.Equal(_receiver.Requests[0].Body, _receiver.Requests[1].Body);
        Assert.Equal(_receiver.Requests[0].Headers["X-LimeCall-Signature"], _receiver.Requests[1].Headers["X-LimeCall-Signature"]);
        Assert.All(message.Attempts, a => Assert.Equal(WebhookDeliveryFaults.Duplicate, a.Faults));
    }

    [Theory]
    [InlineData(WebhookDeliveryFaults.WrongSignature, WebhookVerificationOutcome.Mismatch)]
    [InlineData(WebhookDeliveryFaults.MissingSignature, WebhookVerificationOutcome.Missing)]
    public async Task Faults_BadSignatureOnTheFirstAttempt_RetriesAreSignedProperly(WebhookDeliveryFaults fault, WebhookVerificationOutcome firstOutcome)
    {
        _receiver.Answer(401);
        await using var sender = Sender(WebhookRetrySchedule.LimeCallWebhooks);
        using var verifier = new LimeCallSignatureVerifier(Secret);

        var message = sender.Send(_receiver.Url, Event("evt_1", "call_1"), new() { Faults = fault });
        await _time.RunScheduleAsync(message);

        var outcomes = _receiver.Requests.Select(r => verifier.Verify(r.Body, r.Headers.GetValueOrDefault("X-LimeCall-Signature")).Outcome).ToList();
        Assert.Equal([firstOutcome, WebhookVerificationOutcome.Valid], outcomes);
        Assert.Equal(WebhookMessageState.Delivered, message.State);
    }

    [Fact]
    public async Task Faults_SigningSecret_SignsWithTheRotatedSecret()
    {
        await using var sender = Sender(WebhookRetrySchedule.LimeCallWebhooks);

        await sender.Send(_receiver.Url, Event("evt_1", "call_1"), new() { SigningSecret = "whsec_old" }).WhenFinishedAsync();

        var request = Assert.Single(_receiver.Requests);
        using var both = new LimeCallSignatureVerifier(Secret, "whsec_old");
        Assert.Equal(1, both.Verify(request.Body, request.Headers["X-LimeCall-Signature"]).MatchedKeyIndex);
    }

    [Fact]
    public async Task Faults_DropConnection_ReceiverSeesAnAbortedRequestAndTheRetryDelivers()
    {
        await using var sender = Sender(WebhookRetrySchedule.LimeCallWebhooks);

        var message = sender.Send(_receiver.Url, Event("evt_1", "call_1"), new() { Faults = WebhookDeliveryFaults.DropConnection });
        await _time.RunScheduleAsync(message);

        // Kestrel may notice the abort after the retry has arrived: order the receiver's records by content, not arrival.
        await _receiver.WhenRequestsAsync(2);
        var cut = Assert.Single(_receiver.Requests, r => r.Aborted);
        var whole = Assert.Single(_receiver.Requests, r => !r.Aborted);
        Assert.True(cut.Body.Length < message.Body.Length);
        Assert.Equal(message.Body.ToArray(), whole.Body);
        Assert.Equal(200, whole.Answered);
        Assert.Null(message.Attempts[0].StatusCode);
        Assert.NotNull(message.Attempts[0].Error);
    }

    [Fact]
    public async Task Faults_SlowBodyPastTimeout_TimesOutAndTheReceiverNeverGetsAWholeBody()
    {
        await using var sender = new LimeCallWebhookSender(new() { Secret = Secret, AttemptTimeout = TimeSpan.FromSeconds(5) }, _time);

        var message = sender.Send(_receiver.Url, Event("evt_1", "call_1"), new() { Faults = WebhookDeliveryFaults.SlowBodyPastTimeout });
        await _receiver.WhenStartedAsync(1);       // the attempt's timeout timer is armed before the request goes out
        _time.Advance(TimeSpan.FromSeconds(5));    // ... and fires now
        await message.WhenAttemptsAsync(1);        // the retry timer is armed before the attempt is logged
        _time.Advance(WebhookRetrySchedule.LimeCallWebhooks.Delays[0]);
        await message.WhenFinishedAsync();

        await _receiver.WhenRequestsAsync(2);
        Assert.Equal("timeout", message.Attempts[0].Error);
        Assert.Single(_receiver.Requests, r => r.Aborted && r.Body.Length < message.Body.Length);
        Assert.Single(_receiver.Requests, r => !r.Aborted && r.Answered == 200);
        Assert.Equal(WebhookMessageState.Delivered, message.State);
    }

    [Fact]
    public async Task Jitter_WithTheSameSeed_GivesTheSameDelaysWithinTheBound()
    {
        var first = await JitteredStartsAsync(seed: 7);
        var again = await JitteredStartsAsync(seed: 7);
        var other = await JitteredStartsAsync(seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        var delays = WebhookRetrySchedule.LimePhoneOutboundWebhooks.Delays;
        for (var i = 0; i < delays.Count; i++)
        {
            var actual = first[i + 1] - first[i];
            Assert.InRange(actual, delays[i] * 0.8, delays[i] * 1.2);
        }
    }

    private static WebhookRetrySchedule Preset(string name)
        => new[] { WebhookRetrySchedule.LimeCallWebhooks, WebhookRetrySchedule.LimePhoneOutboundWebhooks, WebhookRetrySchedule.CallCenterPlatform }.Single(p => p.Name == name);

    private static LimeCallEvent Event(string id, string callId)
        => new(new CallCompletedEvent { CallId = callId, Duration = 60 }) { Id = id, Timestamp = new DateTimeOffset(2025, 1, 30, 15, 0, 0, TimeSpan.Zero) };

    private LimeCallWebhookSender Sender(WebhookRetrySchedule schedule) => new(new() { Secret = Secret, Schedule = schedule }, _time);

    /// <summary>Each attempt's due time relative to the first, for a jittered schedule with this seed.</summary>
    private async Task<List<TimeSpan>> JitteredStartsAsync(int seed)
    {
        _receiver.DefaultStatus = 500;
        await using var sender = new LimeCallWebhookSender(new() { Secret = Secret, Schedule = WebhookRetrySchedule.LimePhoneOutboundWebhooks, Jitter = 0.2, JitterSeed = seed }, _time);
        var message = sender.Send(_receiver.Url, Event("evt_" + seed, "call_" + Guid.NewGuid()));
        await _time.RunScheduleAsync(message);
        var due = message.Attempts.Select(a => a.ScheduledAt).ToList();
        Assert.Equal(due, message.Attempts.Select(a => a.SentAt));
        return [.. due.Select(d => d - due[0])];
    }
}
