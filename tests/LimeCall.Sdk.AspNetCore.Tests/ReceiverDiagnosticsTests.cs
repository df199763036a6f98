using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using LimeCall.Sdk.Testing.Payloads;
using LimeCall.Sdk.Webhooks;

namespace LimeCall.Sdk.AspNetCore.Tests;

public sealed class ReceiverDiagnosticsTests
{
    private const string Secret = "whsec_diagnostics_SECRET_VALUE";
    private const string Token = "tok_DIAGNOSTICS_TOKEN";

    [Fact]
    public async Task Deliveries_AreCountedTracedAndTimed_OnTheSharedLimeCallSdkNames()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, string Tags)>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LimeCallDiagnostics.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Tags(tags))));
        meters.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Tags(tags))));
        meters.Start();
        using var tracing = new LimeCall.Sdk.TestKit.ActivityCapture();
        var activities = tracing.Stopped;
        await using var host = await ReceiverHost.StartAsync(o => o.Secrets.Add(Secret));
        var client = host.Client();
        // A unique event: the listeners are process-wide and other test classes send the catalog samples.
        var id = "evt_diag_" + Guid.NewGuid().ToString("N");
        var body = LimeCallEventSerializer.Default.Serialize(new LimeCall.Sdk.Webhooks.Events.LimeCallEvent(new LimeCall.Sdk.Webhooks.Events.CallCompletedEvent { CallId = "call_diag" }) { Id = id });

        using var ok = await client.SendAsync(ReceiverStatusContractTests.Request(host.Url, body, sign: true, secret: Secret));
        using var duplicate = await client.SendAsync(ReceiverStatusContractTests.Request(host.Url, body, sign: true, secret: Secret));
        using var unsigned = await client.SendAsync(ReceiverStatusContractTests.Request(host.Url, body, sign: false));
        var failingId = "evt_diag_fail_" + Guid.NewGuid().ToString("N");
        var failing = LimeCallEventSerializer.Default.Serialize(new LimeCall.Sdk.Webhooks.Events.LimeCallEvent(new LimeCall.Sdk.Webhooks.Events.CallMissedEvent { CallId = "call_diag" }) { Id = failingId });
        host.Log.FailuresLeft[failingId] = 1;
        using var failed = await client.SendAsync(ReceiverStatusContractTests.Request(host.Url, failing, sign: true, secret: Secret));
        meters.RecordObservableInstruments();

        Assert.Contains(measurements, m => m.Instrument == "limecall.webhooks.received" && m.Tags.Contains("call.completed", StringComparison.Ordinal));
        Assert.Contains(measurements, m => m.Instrument == "limecall.webhooks.duplicates");
        Assert.Contains(measurements, m => m.Instrument == "limecall.webhooks.rejected" && m.Tags.Contains("error.type=signature_missing", StringComparison.Ordinal));
        Assert.Contains(measurements, m => m.Instrument == "limecall.webhooks.handler.duration" && m.Value >= 0);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Contains(measurements, m => m.Instrument == "limecall.webhooks.handler_failures" && m.Tags.Contains("call.missed", StringComparison.Ordinal));
        var traced = activities.Where(a => a.GetTagItem("limecall.event.id") as string == id).ToList();
        Assert.Equal(2, traced.Count);
        Assert.All(traced, a => Assert.Equal("call.completed", a.GetTagItem("limecall.event.type")));
        Assert.All(traced, a => Assert.Equal(("process limecall", "process"), (a.OperationName, a.GetTagItem("messaging.operation.type"))));
        Assert.All(traced, a => Assert.Equal((ActivityKind.Consumer, "limecall", id), (a.Kind, a.GetTagItem("messaging.system"), a.GetTagItem("messaging.message.id"))));
    }

    [Fact]
    public async Task Logs_NeverContainTheSecretTokenOrSignature()
    {
        await using var host = await ReceiverHost.StartAsync(o => { o.Secrets.Add(Secret); o.BearerTokens.Add(Token); });
        var client = host.Client();
        var body = ReceiverStatusContractTests.Sample("call.missed");
        var signature = LimeCallSigner.ComputeSignature(System.Text.Encoding.UTF8.GetBytes(Secret), body);

        foreach (var (sign, token) in new[] { (true, Token), (true, "tok_wrong_GUESS"), (false, Token), (true, (string?)null) })
        {
            var request = ReceiverStatusContractTests.Request(host.Url, body, sign, Secret);
            if (token is not null)
            {
                request.Headers.Authorization = new("Bearer", token);
            }

            using var _ = await client.SendAsync(request);
        }

        var failingBody = ReceiverStatusContractTests.Sample("call.missed", LimeCallPayloadShape.Flat);
        host.Log.FailuresLeft[LimeCallEventSerializer.Default.Parse(failingBody).IdempotencyKey] = 1;
        var failing = ReceiverStatusContractTests.Request(host.Url, failingBody, sign: true, secret: Secret);
        failing.Headers.Authorization = new("Bearer", Token);
        using var failed = await client.SendAsync(failing);

        var lines = host.CapturedLogs.Lines;
        Assert.NotEmpty(lines);
        Assert.Contains(lines, l => l.Contains("Rejected", StringComparison.Ordinal) || l.Contains("rejected", StringComparison.Ordinal));
        Assert.All(lines, l =>
        {
            Assert.DoesNotContain(Secret, l, StringComparison.Ordinal);
            Assert.DoesNotContain(Token, l, StringComparison.Ordinal);
            Assert.DoesNotContain("tok_wrong_GUESS", l, StringComparison.Ordinal);
            Assert.DoesNotContain(signature, l, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Contains(lines, l => l.Contains("CallMissedHandler failed", StringComparison.Ordinal) || l.Contains("AnyCallHandler failed", StringComparison.Ordinal));
    }

    private static string Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var text = new System.Text.StringBuilder();
        foreach (var tag in tags)
        {
            text.Append(tag.Key).Append('=').Append(tag.Value).Append(';');
        }

        return text.ToString();
    }
}
