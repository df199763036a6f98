using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using LimeCall.Sdk.Client;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.Benchmarks;

/// <summary>
/// The client's overhead per callback (validation, E.164, JSON, idempotency key, resilience pipeline, answer
/// parsing) against a raw <see cref="HttpClient.PostAsync(Uri, HttpContent)"/> of the same bytes to the same
/// in-process handler, which answers at once without a network; and, for scale, against what a careful user
/// writes by hand for the same call (headers, JSON body, status check, response parsed), minus validation and
/// resilience.
/// </summary>
[MemoryDiagnoser]
public class ClientBenchmarks
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"customer_number":"+14155550123","team_number":"+14155550100"}""");
    private static readonly Uri Endpoint = new("https://api.limecall.com/v1/callbacks");
    private readonly CallbackRequest _request = new() { CustomerNumber = "+14155550123", TeamNumber = "+14155550100" };
    private HttpClient _raw = null!;
    private LimeCallClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _raw = new HttpClient(new CannedHandler());
        _client = new LimeCallClient(new HttpClient(new CannedHandler()), Options.Create(new LimeCallClientOptions { ApiToken = "tok_benchmark" }));
    }

    [GlobalCleanup]
    public void Cleanup() => _raw.Dispose();

    [Benchmark(Baseline = true, Description = "Floor: HttpClient.PostAsync of the same bytes")]
    public async Task<int> Floor()
    {
        using var content = new ByteArrayContent(Body);
        content.Headers.ContentType = new("application/json");
        using var response = await _raw.PostAsync(Endpoint, content);
        return (int)response.StatusCode;
    }

    [Benchmark(Description = "Hand-written call: same headers and JSON, response parsed")]
    public async Task<string> HandWritten()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer tok_benchmark");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "lc_" + Guid.NewGuid().ToString("N"));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("customer_number", _request.CustomerNumber);
            writer.WriteString("team_number", _request.TeamNumber);
            writer.WriteEndObject();
        }

        request.Content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        using var response = await _raw.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return document.RootElement.GetProperty("id").GetString()!;
    }

    [Benchmark(Description = "LimeCallClient.CreateCallbackAsync")]
    public async Task<string> CreateCallback() => (await _client.CreateCallbackAsync(_request)).Id;

    /// <summary>Answers every request with the emulator's 201 body, as fast as possible.</summary>
    private sealed class CannedHandler : HttpMessageHandler
    {
        private static readonly byte[] Answer = Encoding.UTF8.GetBytes("""{"id":"cb_000001","status":"queued","customer_number":"+14155550123","team_number":"+14155550100","due_at":"2025-01-30T15:00:00Z"}""");

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => Task.FromResult(new HttpResponseMessage(HttpStatusCode.Created) { Content = new ByteArrayContent(Answer) });
    }
}
