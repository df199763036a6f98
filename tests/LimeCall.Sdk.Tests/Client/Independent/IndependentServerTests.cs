using System.Diagnostics;
using System.Text.Json;
using LimeCall.Sdk.Client;
using LimeCall.Sdk.TestKit;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.Tests.Client.Independent;

/// <summary>
/// The client checked by a server that shares no code with it (Python's http.server), which answers with
/// faults and counts the callbacks it accepted: exactly as many as the caller asked for.
/// </summary>
public sealed class IndependentServerTests
{
    [Fact]
    public async Task PythonServer_WithFaults_AcceptsExactlyOneCallbackPerCallAskedFor()
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Client", "Independent", "server.py"), "--requests", "50" })
        {
            start.ArgumentList.Add(arg);
        }

        using var python = Process.Start(start) ?? throw new InvalidOperationException("python3 could not be started; it is part of this machine's base image.");
        try
        {
            var port = int.Parse((await python.StandardOutput.ReadLineAsync())!, System.Globalization.CultureInfo.InvariantCulture);
            var time = new SteppingTimeProvider();
            var client = new LimeCallClient(new HttpClient(), Options.Create(new LimeCallClientOptions { ApiToken = "tok_py", BaseAddress = new Uri($"http://127.0.0.1:{port}/") }), time);

            // 1: the server says it did not process it (503), so the client retries with the same key.
            var retried = await time.RunAsync(() => client.CreateCallbackAsync(Request("+14155550001")));

            // 2: the server accepts, then drops the answer: the outcome is unknown, so no retry; reconcile with the key.
            var unknown = await Assert.ThrowsAsync<LimeCallOutcomeUnknownException>(() => time.RunAsync(() => client.CreateCallbackAsync(Request("+14155550002"))));
            var reconciled = await client.CreateCallbackAsync(new() { CustomerNumber = "+14155550002", TeamNumber = "+14155550100", IdempotencyKey = unknown.IdempotencyKey });

            // 3: a plain call.
            var plain = await client.CreateCallbackAsync(Request("+14155550003"));

            var lines = new List<JsonElement>();
            for (var i = 0; i < 5; i++)
            {
                lines.Add(JsonDocument.Parse((await python.StandardOutput.ReadLineAsync())!).RootElement);
            }

            Assert.Equal(["unavailable", "created", "accepted-then-dropped", "replayed", "created"], lines.Select(l => l.GetProperty("action").GetString()));
            Assert.Equal(3, lines[^1].GetProperty("accepted").GetInt32());
            Assert.Equal(lines[0].GetProperty("key").GetString(), lines[1].GetProperty("key").GetString());
            Assert.Equal(retried.IdempotencyKey, lines[0].GetProperty("key").GetString());
            Assert.True(reconciled.Replayed);
            Assert.False(plain.Replayed);
            Assert.All(lines, l => Assert.Equal("Bearer tok_py", l.GetProperty("auth").GetString()));
        }
        finally
        {
            if (!python.HasExited)
            {
                python.Kill();
            }
        }
    }

    private static CallbackRequest Request(string customer) => new() { CustomerNumber = customer, TeamNumber = "+14155550100" };
}
