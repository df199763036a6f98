using System.Diagnostics;
using System.Text.Json;
using LimeCall.Sdk.Testing.Sender;
using LimeCall.Sdk.TestKit;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Testing.Tests.Independent;

/// <summary>
/// The sender checked by a receiver that shares no code with it: a Python http.server that recomputes each
/// signature with Python's hmac module and records order and retries.
/// </summary>
public sealed class IndependentReceiverTests
{
    private const string Secret = "whsec_independent";

    [Fact]
    public async Task Send_ToAPythonReceiver_SignaturesMatchItsOwnHmacAndEachCallArrivesInOrderWithRetries()
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Independent", "receiver.py"), "--secret", Secret, "--requests", "50" })
        {
            start.ArgumentList.Add(arg);
        }

        using var python = Process.Start(start) ?? throw new InvalidOperationException("python3 could not be started; it is part of this machine's base image.");
        try
        {
            var port = int.Parse(await python.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException(await python.StandardError.ReadToEndAsync()), System.Globalization.CultureInfo.InvariantCulture);
            var time = new SteppingTimeProvider();
            await using var sender = new LimeCallWebhookSender(new() { Secret = Secret, BearerToken = "tok_py" }, time);
            var endpoint = new Uri($"http://127.0.0.1:{port}/webhooks");

            var messages = new[] { "evt_a1", "evt_a2", "evt_a3" }
                .Select(id => sender.Send(endpoint, new LimeCallEvent(new CallMissedEvent { CallId = "call_A" }) { Id = id, Timestamp = time.GetUtcNow() }))
                .ToList();
            // Step each message through its schedule: a transport-level failure (an attempt Python never saw) just
            // means one more retry, not a stuck test.
            foreach (var message in messages)
            {
                await time.RunScheduleAsync(message);
            }

            var lines = new List<JsonElement>();
            for (var i = 0; i < 6; i++)
            {
                lines.Add(JsonDocument.Parse((await python.StandardOutput.ReadLineAsync())!).RootElement);
            }

            Assert.Equal(["evt_a1", "evt_a1", "evt_a2", "evt_a2", "evt_a3", "evt_a3"], lines.Select(l => l.GetProperty("event_id").GetString()));
            Assert.All(lines, l => Assert.Equal(l.GetProperty("computed").GetString(), l.GetProperty("signature").GetString()));
            Assert.All(lines, l => Assert.Equal("Bearer tok_py", l.GetProperty("authorization").GetString()));
            Assert.All(lines, l => Assert.StartsWith("application/json", l.GetProperty("content_type").GetString(), StringComparison.Ordinal));
            Assert.All(messages, m => Assert.Equal([500, 200], m.Attempts.Where(a => a.StatusCode is not null).Select(a => a.StatusCode!.Value)));
            Assert.All(messages, m => Assert.Equal(WebhookMessageState.Delivered, m.State));
            Assert.All(messages, m => Assert.Equal(m.Attempts[0].ScheduledAt + TimeSpan.FromMinutes(1), m.Attempts[1].ScheduledAt));
        }
        finally
        {
            if (!python.HasExited)
            {
                python.Kill();
            }
        }
    }
}
