using System.Diagnostics;
using System.Text.Json;

namespace LimeCall.Sdk.AspNetCore.Tests.Independent;

/// <summary>The receiver checked by a client that shares no code with the SDK: Python's urllib and hmac.</summary>
public sealed class IndependentClientTests
{
    [Fact]
    public async Task PythonClient_EachKindOfRequestGetsItsStatusAndTheEventRunsOnce()
    {
        await using var host = await ReceiverHost.StartAsync(o => { o.Secrets.Add("whsec_python"); o.MaxBodyBytes = 4096; }, kestrel: true);
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Independent", "client.py"), host.Url.ToString(), "whsec_python" })
        {
            start.ArgumentList.Add(arg);
        }

        using var python = Process.Start(start) ?? throw new InvalidOperationException("python3 could not be started; it is part of this machine's base image.");
        var output = await python.StandardOutput.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, await python.StandardError.ReadToEndAsync());

        var statuses = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(e => e.GetProperty("case").GetString()!, e => e.GetProperty("status").GetInt32());
        Assert.Equal(
            new Dictionary<string, int> { ["signed"] = 200, ["unsigned"] = 401, ["tampered"] = 401, ["duplicate"] = 200, ["oversized"] = 413, ["malformed"] = 400, ["upper-hex"] = 200 },
            statuses);
        Assert.Equal(1, host.Log.CallsTo(nameof(CallMissedHandler)));
    }
}
