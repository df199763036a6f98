using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LimeCall.Sdk.Testing;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Distribution.Tests;

/// <summary>
/// The <c>limecall</c> tool as a user has it: the packed LimeCall.Cli installed with <c>dotnet tool install</c> into a
/// temporary tool path, run as a process against real receivers on 127.0.0.1.
/// </summary>
[Collection(SharedPackages.Name)]
public sealed partial class ToolTests(PackedPackages packages)
{
    private const string Secret = "whsec_tool_tests";

    [Fact]
    public async Task Trigger_AgainstTheReceiverSample_EveryEventIsAcceptedAndHandledOnceOnTheReceiverSide()
    {
        await using var receiver = ChildProcess.Start(
            "dotnet", [Repository.SampleDll("LimeCall.Samples.Receiver"), "--urls", "http://127.0.0.1:0"],
            Repository.SampleOutput("LimeCall.Samples.Receiver"),
            new Dictionary<string, string>(StringComparer.Ordinal) { ["LimeCall__Webhooks__Secrets__0"] = Secret, ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        var address = await receiver.ListeningAsync();

        var (exitCode, output, _) = await LimecallAsync(
            "trigger", "call.missed", "--url", new Uri(address, "webhooks/limecall").ToString(), "--secret", Secret, "--count", "5", "--faults", "duplicate", "--fast", "--json");

        Assert.True(exitCode == 0, output);
        using var report = JsonDocument.Parse(output);
        Assert.Equal((5, 0), (report.RootElement.GetProperty("accepted").GetInt32(), report.RootElement.GetProperty("failed").GetInt32()));
        var ids = report.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToArray();
        using var http = new HttpClient();
        var followUps = await http.GetStringAsync(new Uri(address, "follow-ups"));
        Assert.All(ids, id => Assert.Single(followUps.Split('\n'), line => line.StartsWith(id + " ", StringComparison.Ordinal))); // once each, duplicates and all
        Assert.DoesNotContain(Secret, receiver.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trigger_AReceiverThatFailsTwice_PrintsThreeAttemptsAlignedAndExitsZero()
    {
        var answers = new Queue<int>([500, 503, 200]);
        var signatures = new List<bool>();
        await using var app = await StartReceiverAsync(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            using var verifier = new LimeCallSignatureVerifier(Secret);
            lock (signatures)
            {
                signatures.Add(verifier.Verify(body.ToArray(), context.Request.Headers[LimeCallWebhookHeaders.Signature].ToString()).IsValid);
                context.Response.StatusCode = answers.Dequeue();
            }
        });

        var (exitCode, output, errors) = await LimecallAsync("trigger", "call.completed", "--url", new Uri(app.GetLoopbackAddress(), "hook").ToString(), "--secret", Secret, "--fast");

        Assert.True(exitCode == 0, output + errors);
        var attempts = output.Split('\n').Where(l => l.TrimStart().StartsWith("attempt", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, attempts.Length);
        Assert.Matches(@"attempt\s+1\s+500\s+[\d.]+ ms\s+retry in 100 ms", attempts[0]); // LimeCall's 1 minute, --fast
        Assert.Matches(@"attempt\s+2\s+503\s+[\d.]+ ms\s+retry in 500 ms", attempts[1]);
        Assert.Matches(@"attempt\s+3\s+200\s+[\d.]+ ms\s+accepted", attempts[2]);
        Assert.Single(attempts.Select(a => a.IndexOf(" ms", StringComparison.Ordinal)).Distinct()); // aligned columns
        Assert.Equal([true, true, true], signatures);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Trigger_AClosedPort_ExitsNonZeroWithOneClearLineOnStandardError()
    {
        var (exitCode, _, errors) = await LimecallAsync("trigger", "call.missed", "--url", "http://127.0.0.1:9/hook", "--secret", Secret, "--schedule", "none");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^error: http://127\.0\.0\.1:9/hook never accepted event evt_cli_[0-9a-f]+ \(ConnectionError: Connection refused, after 1 attempt\)\.$", line);
    }

    [Fact]
    public async Task Trigger_WithoutASecretOrWithABadOption_IsAUsageErrorOnOneLine()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["LIMECALL_WEBHOOK_SECRET"] = string.Empty };
        var (noSecret, _, noSecretErrors) = await LimecallAsync(environment, "trigger", "call.missed", "--url", "http://127.0.0.1:9/hook");
        var (badCount, _, badCountErrors) = await LimecallAsync("trigger", "call.missed", "--url", "http://127.0.0.1:9/hook", "--secret", Secret, "--count", "0");
        var (unknown, _, unknownErrors) = await LimecallAsync("trigger", "call.teleported", "--url", "http://127.0.0.1:9/hook", "--secret", Secret);

        Assert.Equal((2, "error: Give the webhook secret with --secret, or set LIMECALL_WEBHOOK_SECRET.\n"), (noSecret, noSecretErrors));
        Assert.Equal((2, "error: --count must be between 1 and 10000. (limecall trigger --help lists the options)\n"), (badCount, badCountErrors));
        Assert.Equal((2, "error: 'call.teleported' is not a LimeCall event type: limecall events lists them.\n"), (unknown, unknownErrors));
    }

    [Fact]
    public async Task SignThenVerify_RoundTrips_MatchesPythonsHmac_AndAMismatchSaysWhyWithoutPrintingSecrets()
    {
        var body = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(body, "{\"id\":\"evt_1\",\"event\":\"call.missed\",\"data\":{\"call_id\":\"call_1\"}}\n"); // as an editor saves it
            var (signExit, signature, _) = await LimecallAsync("sign", "--secret", Secret, body);
            signature = signature.Trim();
            var (pythonExit, python) = await ChildProcess.RunAsync(
                "python3", ["-c", "import hmac,hashlib,sys; print(hmac.new(sys.argv[1].encode(), open(sys.argv[2],'rb').read(), hashlib.sha256).hexdigest())", Secret, body]);

            Assert.Equal(0, signExit + pythonExit);
            Assert.Matches("^[0-9a-f]{64}$", signature);
            Assert.Equal(python.Trim(), signature);

            var (validExit, valid, _) = await LimecallAsync("verify", "--secret", "whsec_old", "--secret", Secret, "--signature", signature, body);
            Assert.Equal(0, validExit);
            Assert.Contains("valid: the signature matches the 65-byte body with secret 2 of 2.", valid, StringComparison.Ordinal);

            // The sender signed the body without the newline the file has: the usual curl --data mistake.
            var trimmed = LimeCallSigner.ComputeSignature(Secret, (await File.ReadAllTextAsync(body)).TrimEnd('\n'));
            var (mismatchExit, mismatchOut, mismatch) = await LimecallAsync("verify", "--secret", Secret, "--signature", trimmed, body);
            Assert.Equal(1, mismatchExit);
            Assert.Empty(mismatchOut);
            Assert.Equal(
                "error: mismatch: the signature does not match the 65-byte body with this secret. It matches the body without its trailing newline: sign and send the exact bytes (curl --data-binary, not --data).\n",
                mismatch);

            var (malformedExit, _, malformed) = await LimecallAsync("verify", "--secret", Secret, "--signature", "sha1=abc", body);
            Assert.Equal((1, "error: not a signature: expected 64 hexadecimal characters, got 8 characters.\n"), (malformedExit, malformed));
            Assert.DoesNotContain(Secret, mismatch + malformed, StringComparison.Ordinal);
            Assert.DoesNotContain(trimmed, mismatch, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(body);
        }
    }

    [Fact]
    public async Task Events_Json_ListsEveryTypeWithItsAliases_AndShowPrintsTheSample()
    {
        var (exitCode, output, _) = await LimecallAsync("events", "--json");
        var (showExit, sample, _) = await LimecallAsync("events", "show", "missed_call", "--shape", "flat");

        Assert.Equal(0, exitCode + showExit);
        using var list = JsonDocument.Parse(output);
        Assert.Equal(LimeCallEventTypes.All, list.RootElement.EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        var missed = list.RootElement.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "call.missed");
        Assert.Contains("missed_call", missed.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["enveloped", "flat"], missed.GetProperty("shapes").EnumerateArray().Select(a => a.GetString()));
        using var payload = JsonDocument.Parse(sample);
        Assert.Equal("missed_call", payload.RootElement.GetProperty("event").GetString());
    }

    [Fact]
    public async Task OnATerminal_OutputIsColouredAndAligned_AndNoColorTurnsTheColoursOff()
    {
        var tool = await InstallAsync();
        // A pseudo-terminal (util-linux script), as a person's shell gives the tool.
        var (exitCode, coloured) = await ChildProcess.RunAsync(
            "script", ["-q", "-e", "-c", $"stty cols 160 rows 50; '{tool}' events", "/dev/null"], environment: new Dictionary<string, string>(StringComparer.Ordinal) { ["TERM"] = "xterm-256color" });
        var (plainExit, plain) = await ChildProcess.RunAsync(
            "script", ["-q", "-e", "-c", $"stty cols 160 rows 50; '{tool}' events", "/dev/null"], environment: new Dictionary<string, string>(StringComparer.Ordinal) { ["TERM"] = "xterm-256color", ["NO_COLOR"] = "1" });

        Assert.Equal(0, exitCode + plainExit);
        Assert.Matches("\u001b\\[[0-9;]*m", coloured); // SGR colour sequences
        Assert.DoesNotMatch("\u001b\\[[0-9;]*m", plain);
        var rows = AnsiSequence().Replace(coloured, string.Empty).Split('\n');
        var completed = rows.Single(r => r.TrimStart().StartsWith("call.completed ", StringComparison.Ordinal));
        var missed = rows.Single(r => r.TrimStart().StartsWith("call.missed ", StringComparison.Ordinal));
        Assert.Equal(completed.IndexOf("call_completed", StringComparison.Ordinal), missed.IndexOf("missed_call", StringComparison.Ordinal)); // one column
    }

    [Fact]
    public async Task Emulate_ServesTheApiAndDeliversTheCallsWebhooks_PrintingEachAsJsonLines()
    {
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await StartReceiverAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            if (body.Contains("\"call.completed\"", StringComparison.Ordinal))
            {
                received.TrySetResult(context.Request.Headers[LimeCallWebhookHeaders.Signature].ToString() + " " + body);
            }

            context.Response.StatusCode = 200;
        });
        var tool = await InstallAsync();
        await using var emulator = ChildProcess.Start(tool, ["emulate", "--port", "0", "--fast", "--json", "--webhook-url", new Uri(app.GetLoopbackAddress(), "hook").ToString(), "--secret", Secret]);
        var listening = await emulator.LineAsync(l => l.Contains("\"kind\":\"listening\"", StringComparison.Ordinal));
        var baseAddress = new Uri(JsonDocument.Parse(listening).RootElement.GetProperty("baseAddress").GetString()!);

        using var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "test_api_token");
        using var created = await http.PostAsync("v1/callbacks", new StringContent("{\"customer_number\":\"+14155550123\",\"team_number\":\"+14155550100\"}", Encoding.UTF8, "application/json"));
        var delivery = await received.Task.WaitAsync(TimeSpan.FromMinutes(1)); // call.completed: ring 1 s, talk 3 s with --fast

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var (signature, body) = (delivery[..64], delivery[65..]);
        Assert.Equal(LimeCallSigner.ComputeSignature(Secret, body), signature);
        var api = await emulator.LineAsync(l => l.Contains("\"kind\":\"api\"", StringComparison.Ordinal));
        Assert.Equal("/v1/callbacks", JsonDocument.Parse(api).RootElement.GetProperty("path").GetString());
        await emulator.LineAsync(l => l.Contains("\"kind\":\"webhook\"", StringComparison.Ordinal) && l.Contains("call.completed", StringComparison.Ordinal));
        Assert.DoesNotContain(Secret, emulator.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex("\u001b\\[[0-9;?]*[A-Za-z]", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AnsiSequence();

    private static async Task<WebApplication> StartReceiverAsync(RequestDelegate handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ListenOnLoopback();
        var app = builder.Build();
        app.MapPost("/hook", handle);
        await app.StartAsync();
        return app;
    }

    private Task<(int ExitCode, string Output, string Errors)> LimecallAsync(params string[] arguments)
        => InstalledTool.RunAsync(packages, new Dictionary<string, string>(StringComparer.Ordinal), arguments);

    private Task<(int ExitCode, string Output, string Errors)> LimecallAsync(Dictionary<string, string> environment, params string[] arguments)
        => InstalledTool.RunAsync(packages, environment, arguments);

    private Task<string> InstallAsync() => InstalledTool.PathAsync(packages);
}
