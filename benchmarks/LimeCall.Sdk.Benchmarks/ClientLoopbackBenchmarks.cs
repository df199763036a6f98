using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using LimeCall.Sdk.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.Benchmarks;

/// <summary>
/// The client over real sockets (issue 16, item 4): <see cref="LimeCallClient.CreateCallbackAsync"/> against a minimal
/// Kestrel endpoint on 127.0.0.1 that reads the request and answers 201 with the API's body, beside its floor: a raw
/// <see cref="HttpClient.PostAsync(Uri, HttpContent)"/> of the same bytes to the same endpoint, reading the same answer.
/// Both clients keep their connections alive, so each call is one request on an open connection.
/// </summary>
[MemoryDiagnoser]
public class ClientLoopbackBenchmarks
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"customer_number":"+14155550123","team_number":"+14155550100"}""");
    private static readonly byte[] Answer = Encoding.UTF8.GetBytes("""{"id":"cb_000001","status":"queued","customer_number":"+14155550123","team_number":"+14155550100","due_at":"2025-01-30T15:00:00Z"}""");
    private readonly CallbackRequest _request = new() { CustomerNumber = "+14155550123", TeamNumber = "+14155550100" };
    private WebApplication _server = null!;
    private Uri _endpoint = null!;
    private HttpClient _raw = null!;
    private LimeCallClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _server = builder.Build();
        _server.MapPost("/v1/callbacks", static async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Answer);
        });
        _server.StartAsync().GetAwaiter().GetResult();
        var address = new Uri(_server.Urls.First().TrimEnd('/') + "/");
        _endpoint = new Uri(address, "v1/callbacks");
        _raw = new HttpClient();
        _client = new LimeCallClient(new HttpClient(), Options.Create(new LimeCallClientOptions { ApiToken = "tok_benchmark", BaseAddress = address }));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _server.StopAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "Floor: HttpClient.PostAsync of the same bytes, answer read")]
    public async Task<int> Floor()
    {
        using var content = new ByteArrayContent(Body);
        content.Headers.ContentType = new("application/json");
        using var response = await _raw.PostAsync(_endpoint, content);
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    [Benchmark(Description = "LimeCallClient.CreateCallbackAsync over loopback")]
    public async Task<string> CreateCallback() => (await _client.CreateCallbackAsync(_request)).Id;
}
