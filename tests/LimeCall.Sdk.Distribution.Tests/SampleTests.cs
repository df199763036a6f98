using System.Net;
using System.Text;
using LimeCall.Sdk.Webhooks;

namespace LimeCall.Sdk.Distribution.Tests;

/// <summary>Each sample does what its README section says, started the way a user starts it.</summary>
public sealed class SampleTests
{
    private static readonly Dictionary<string, string> Development = new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["DOTNET_ENVIRONMENT"] = "Development",
    };

    [Fact]
    public async Task QuickStart_ProcessesEachLifecycleEventOnce_WithARetriedFailureAndADuplicate()
    {
        var (exitCode, output) = await ChildProcess.RunAsync("dotnet", [Repository.SampleDll("LimeCall.QuickStart")], Repository.Sample("LimeCall.QuickStart"));

        Assert.True(exitCode == 0, output);
        Assert.Contains("Quick start OK.", output, StringComparison.Ordinal);
        Assert.Contains("attempt 1 -> 500", output, StringComparison.Ordinal);
        Assert.Contains("resent by hand: a duplicate", output, StringComparison.Ordinal);
        Assert.Contains("CRM sync done for call", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallbackWorker_CapturesLeadsAndRequestsCallbacks_RejectingAnUndiallableNumberBeforeSending()
    {
        var (exitCode, output) = await ChildProcess.RunAsync(
            "dotnet", [Repository.SampleDll("LimeCall.Samples.CallbackWorker")], Repository.SampleOutput("LimeCall.Samples.CallbackWorker"), Development);

        Assert.True(exitCode == 0, output);
        Assert.Contains("2 lead(s) captured, 2 callback(s) requested, 1 sign-up(s) rejected, 0 unexpected failure(s)", output, StringComparison.Ordinal);
        Assert.Contains("emulator received 2 lead(s) and 2 callback(s): as reported", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallbackWorker_WithoutAToken_RefusesToStartWithAClearMessage()
    {
        var (exitCode, output) = await ChildProcess.RunAsync(
            "dotnet", [Repository.SampleDll("LimeCall.Samples.CallbackWorker")], Repository.SampleOutput("LimeCall.Samples.CallbackWorker"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("LimeCall:ApiToken is required", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiverSample_WithoutASecret_RefusesToStartWithAClearMessage()
    {
        var (exitCode, output) = await ChildProcess.RunAsync(
            "dotnet", [Repository.SampleDll("LimeCall.Samples.Receiver"), "--urls", "http://127.0.0.1:0"], Repository.SampleOutput("LimeCall.Samples.Receiver"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("LimeCall webhooks have no way to authenticate requests", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControllerApp_KeepsItsOwnEndpointAndModelBinding_AndAcceptsOnlySignedBodies()
    {
        const string Secret = "whsec_controller_test";
        await using var app = ChildProcess.Start(
            "dotnet",
            [Repository.SampleDll("LimeCall.Samples.ControllerApp"), "--urls", "http://127.0.0.1:0"],
            Repository.SampleOutput("LimeCall.Samples.ControllerApp"),
            new Dictionary<string, string>(StringComparer.Ordinal) { ["LimeCall__Webhooks__Secrets__0"] = Secret });
        var baseAddress = await app.ListeningAsync();
        using var http = new HttpClient { BaseAddress = baseAddress };
        using var signer = new LimeCallSigner(Secret);

        async Task<HttpResponseMessage> PostAsync(string body, string? signature)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "integrations/limecall/call-report")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            if (signature is not null)
            {
                request.Headers.Add(LimeCallWebhookHeaders.Signature, signature);
            }

            return await http.SendAsync(request);
        }

        const string Report = """{"event":"call.completed","call_id":"c42","duration":184}""";
        using var signed = await PostAsync(Report, signer.Sign(Encoding.UTF8.GetBytes(Report)));
        using var unsigned = await PostAsync(Report, null);
        using var tampered = await PostAsync(Report.Replace("184", "999", StringComparison.Ordinal), signer.Sign(Encoding.UTF8.GetBytes(Report)));
        const string Invalid = """{"event":"call.completed"}""";
        using var invalid = await PostAsync(Invalid, signer.Sign(Encoding.UTF8.GetBytes(Invalid)));
        var stored = await http.GetStringAsync("integrations/limecall/call-reports");

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode); // [ApiController] validation: the body reached model binding intact
        Assert.Equal("""[{"event":"call.completed","call_id":"c42","duration":184}]""", stored);
    }
}
