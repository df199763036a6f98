using System.Net;
using System.Text;
using LimeCall.Sdk.Webhooks;

namespace LimeCall.Sdk.Distribution.Tests;

/// <summary>
/// The controller sample as a user might get it wrong: a copy built with <c>UseLimeCallSignatureVerification()</c>
/// left out, or put before <c>UseRouting()</c>. An unsigned POST to its [RequireLimeCallSignature] action is refused
/// either way: the endpoint verifies, whatever the pipeline.
/// </summary>
public sealed class ControllerAppMiddlewareOrderTests
{
    private const string Secret = "whsec_controller_order";
    private const string Report = """{"event":"call.completed","call_id":"c42","duration":184}""";
    private const string SampleLines = """
        app.UseRouting();
        app.UseLimeCallSignatureVerification(); // after UseRouting: it reads the endpoint's [RequireLimeCallSignature]
        app.MapControllers();
        """;

    [Fact]
    public async Task ControllerApp_WithTheMiddlewareMissingOrBeforeRouting_StillRefusesUnsignedPosts()
    {
        using var scratch = ScratchCopy.Create("src/LimeCall.Sdk", "src/LimeCall.Sdk.Generators", "src/LimeCall.Sdk.AspNetCore", "samples/LimeCall.Samples.ControllerApp");
        foreach (var props in (string[])["src/Directory.Build.props", "src/Directory.Build.targets", "samples/Directory.Build.props"])
        {
            File.Copy(Path.Combine(Repository.Root, props), scratch.PathOf(props));
        }

        var program = scratch.PathOf("samples/LimeCall.Samples.ControllerApp/Program.cs");
        var source = File.ReadAllText(program).ReplaceLineEndings("\n");
        Assert.Contains(SampleLines, source, StringComparison.Ordinal); // the sample still reads as this test assumes
        File.WriteAllText(program, source.Replace(SampleLines, """
            if (string.Equals(Environment.GetEnvironmentVariable("GATE_ORDER"), "before-routing", StringComparison.Ordinal))
            {
                app.UseLimeCallSignatureVerification(); // misplaced: no endpoint is known yet
            }

            app.UseRouting();
            app.MapControllers();
            """, StringComparison.Ordinal));
        var project = scratch.PathOf("samples/LimeCall.Samples.ControllerApp/LimeCall.Samples.ControllerApp.csproj");
        var output = scratch.PathOf("built");
        var (buildExit, buildLog) = await ChildProcess.RunAsync("dotnet", ["build", project, "-c", "Release", "-o", output], scratch.Root, timeout: TimeSpan.FromMinutes(5));
        Assert.True(buildExit == 0, buildLog);

        foreach (var order in (string[])["missing", "before-routing"])
        {
            await using var app = ChildProcess.Start(
                "dotnet",
                [Path.Combine(output, "LimeCall.Samples.ControllerApp.dll"), "--urls", "http://127.0.0.1:0"],
                output,
                new Dictionary<string, string>(StringComparer.Ordinal) { ["LimeCall__Webhooks__Secrets__0"] = Secret, ["GATE_ORDER"] = order });
            using var http = new HttpClient { BaseAddress = await app.ListeningAsync() };

            using var unsigned = await http.SendAsync(Post(null));
            using var forged = await http.SendAsync(Post(new string('0', 64)));
            using var signed = await http.SendAsync(Post(LimeCallSigner.ComputeSignature(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(Report))));
            var stored = await http.GetStringAsync("integrations/limecall/call-reports");

            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
            Assert.Equal($"[{Report}]", stored); // only the signed report reached the controller
        }
    }

    private static HttpRequestMessage Post(string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "integrations/limecall/call-report") { Content = new StringContent(Report, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add(LimeCallWebhookHeaders.Signature, signature);
        }

        return request;
    }
}
