using System.Net;
using System.Text;
using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.Testing.Payloads;
using LimeCall.Sdk.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.AspNetCore.Tests;

/// <summary>Every status code of the receiver's contract, each for the reason the contract gives.</summary>
public sealed class ReceiverStatusContractTests : IAsyncLifetime
{
    private const string Secret = "whsec_receiver_tests";
    private ReceiverHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await ReceiverHost.StartAsync(o => o.Secrets.Add(Secret));
        _client = _host.Client();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Post_SignedKnownEvent_Is200AndReachesEveryMatchingHandlerOnce()
    {
        var body = Sample("call.missed", LimeCallPayloadShape.Flat);

        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _host.Log.CallsTo(nameof(CallMissedHandler)));
        Assert.Equal(1, _host.Log.CallsTo(nameof(AnyCallHandler)));
        Assert.Equal(1, _host.Log.CallsTo(nameof(CatchAllHandler)));
        var call = _host.Log.Calls.First();
        Assert.Equal(body.Length, call.RawBodyLength);
        Assert.StartsWith("sha256:", call.IdempotencyKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SameEventTwice_IsAcknowledgedBothTimesAndHandledOnce()
    {
        var body = Sample("call.completed");

        using var first = await PostAsync(body);
        using var second = await PostAsync(body);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(1, _host.Log.CallsTo(nameof(AnyCallHandler)));
    }

    [Fact]
    public async Task Post_UnknownEventType_Is200AndGoesToTheCatchAllOnly()
    {
        using var response = await PostAsync("""{"id":"evt_new","event":"call.transferred","data":{"call_id":"c1"}}"""u8.ToArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(_host.Log.Calls);
        Assert.Equal((nameof(CatchAllHandler), "call.transferred"), (call.Handler, call.Event.Type));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task NotPost_Is405WithAllowPost(string method)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), _host.Url));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
    }

    [Theory]
    [InlineData("text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=utf-8", HttpStatusCode.OK)]
    [InlineData("application/vnd.limecall+json", HttpStatusCode.OK)]
    [InlineData("a/b+json", HttpStatusCode.OK)] // the shortest structured-syntax JSON type
    [InlineData("Application/JSON; Charset=\"UTF8\"", HttpStatusCode.OK)]
    [InlineData("application/json; charset=latin1", HttpStatusCode.UnsupportedMediaType)] // the signature covers the bytes as sent: never transcoded
    [InlineData("application/+json", HttpStatusCode.UnsupportedMediaType)] // no subtype before the suffix
    [InlineData("/vnd.limecall+json", HttpStatusCode.UnsupportedMediaType)] // no type
    [InlineData("vnd.limecall+json", HttpStatusCode.UnsupportedMediaType)] // no slash at all
    [InlineData(";charset=utf-8", HttpStatusCode.UnsupportedMediaType)] // parameters and no media type: 415, never a 500
    public async Task ContentType_OnlyJsonIsAccepted(string contentType, HttpStatusCode expected)
    {
        using var response = await PostAsync(Sample("call.missed"), contentType: contentType);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Body_LargerThanTheLimit_Is413WhetherDeclaredOrStreamed()
    {
        await using var small = await ReceiverHost.StartAsync(o => { o.Secrets.Add(Secret); o.MaxBodyBytes = 1000; });
        var client = small.Client();
        var big = Encoding.UTF8.GetBytes("{\"event\":\"call.missed\",\"pad\":\"" + new string('x', 5000) + "\"}");

        using var declared = await client.SendAsync(Request(small.Url, big, sign: true));
        var streamed = Request(small.Url, big, sign: true);
        streamed.Content = new StreamContent(new MemoryStream(big));
        streamed.Content.Headers.ContentType = new("application/json");
        streamed.Headers.TransferEncodingChunked = true;
        using var chunked = await client.SendAsync(streamed);

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.RequestEntityTooLarge), (declared.StatusCode, chunked.StatusCode));
        Assert.Empty(small.Log.Calls);
    }

    [Theory]
    [InlineData(20_000, 0)]
    [InlineData(20_000, 1)]
    [InlineData(16_384, 0)]
    [InlineData(16_384, 1)] // a power of two: a buffer of exactly the limit would take the 16,384th byte for the end
    public async Task StreamedBody_LargerThanTheFirstBuffer_IsReadWhole_UpToExactlyTheLimit(int limit, int bytesOverTheLimit)
    {
        // Without a Content-Length the receiver starts with a 4 KiB buffer and grows it: a streamed body several times
        // that size must arrive byte for byte (the signature covers all of it), and one byte past the limit is 413.
        await using var host = await ReceiverHost.StartAsync(o => { o.Secrets.Add(Secret); o.MaxBodyBytes = limit; });
        var prefix = "{\"event\":\"call.missed\",\"call_id\":\"c1\",\"pad\":\"";
        var body = Encoding.UTF8.GetBytes(prefix + new string('x', limit + bytesOverTheLimit - prefix.Length - 2) + "\"}");
        Assert.Equal(limit + bytesOverTheLimit, body.Length);
        var request = Request(host.Url, body, sign: true);
        request.Content = new StreamContent(new MemoryStream(body), bufferSize: 1500);
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await host.Client().SendAsync(request);

        if (bytesOverTheLimit == 0)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(limit, host.Log.Calls.First().RawBodyLength);
        }
        else
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Empty(host.Log.Calls);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("garbage")]
    public async Task Signature_MissingOrWrong_Is401AndNothingRuns(string? signature)
    {
        var body = Sample("call.missed");
        var request = Request(_host.Url, body, sign: false);
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(LimeCallWebhookHeaders.Signature, signature);
        }

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Log.Calls);
    }

    [Theory]
    [InlineData("{", "NotJson")]
    [InlineData("[]", "NotAnObject")]
    [InlineData("{\"call_id\":\"1\"}", "TypeMissing")]
    public async Task Payload_Malformed_Is400AndTheReasonIsLoggedNotEchoed(string json, string reason)
    {
        using var response = await PostAsync(Encoding.UTF8.GetBytes(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        Assert.Contains(_host.CapturedLogs.Lines, l => l.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handler_Throws_Is500ReleasesTheClaimAndTheRetryIsProcessedOnce()
    {
        var body = Sample("call.missed", LimeCallPayloadShape.Flat);
        var key = LimeCallEventSerializer.Default.Parse(body).IdempotencyKey;
        _host.Log.FailuresLeft[key] = 2;

        using var first = await PostAsync(body);
        using var second = await PostAsync(body);
        using var third = await PostAsync(body);
        using var fourth = await PostAsync(body);

        Assert.Equal(
            [HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.OK, HttpStatusCode.OK],
            new[] { first.StatusCode, second.StatusCode, third.StatusCode, fourth.StatusCode });
        Assert.Equal(1, _host.Log.CallsTo(nameof(CallMissedHandler)));
    }

    [Fact]
    public async Task Event_InProgressElsewhere_Is503WithRetryAfter()
    {
        var body = Sample("call.completed");
        var store = _host.App.Services.GetRequiredService<IIdempotencyStore>();
        var options = _host.App.Services.GetRequiredService<IOptions<IdempotentProcessorOptions>>().Value;
        await store.ClaimAsync(new IdempotencyKey(options.Namespace, LimeCallEventSerializer.Default.Parse(body).IdempotencyKey), TimeSpan.FromMinutes(2));

        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 100, 120);
        Assert.Empty(_host.Log.Calls);
        Assert.Contains(_host.CapturedLogs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("is being processed elsewhere; asked to retry in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IdempotencyStoreFullOfClaimsInProgress_Is503RetryInASecond_AndNothingRuns()
    {
        // A bounded store never drops a claim in progress to make room: it refuses the new event, which the sender retries.
        var store = new InMemoryIdempotencyStore(new() { Capacity = 1 }, TimeProvider.System);
        await using var host = await ReceiverHost.StartAsync(o => o.Secrets.Add(Secret), services: s => s.AddSingleton<IIdempotencyStore>(store));
        Assert.Equal(IdempotencyClaimOutcome.Acquired, (await store.ClaimAsync(new IdempotencyKey("other", "held"), TimeSpan.FromMinutes(5))).Outcome);

        using var response = await host.Client().SendAsync(Request(host.Url, Sample("call.missed"), sign: true));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Empty(host.Log.Calls);
        Assert.Contains(host.CapturedLogs.Lines, l => l.Contains("idempotency_store_full", StringComparison.Ordinal));
        store.Dispose();
    }

    [Fact]
    public async Task BearerToken_Configured_IsRequiredBesideTheSignature()
    {
        await using var host = await ReceiverHost.StartAsync(o => { o.Secrets.Add(Secret); o.BearerTokens.Add("tok_1"); });
        var client = host.Client();
        var body = Sample("call.missed");

        using var without = await client.SendAsync(Request(host.Url, body, sign: true));
        var with = Request(host.Url, body, sign: true);
        with.Headers.Authorization = new("Bearer", "tok_1");
        using var accepted = await client.SendAsync(with);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (without.StatusCode, accepted.StatusCode));
    }

    [Fact]
    public async Task UnsignedSender_SecretPathAndAllowList_AreEnforced()
    {
        await using var host = await ReceiverHost.StartAsync(
            o => { o.PathSecret = "s3cr3t-path"; o.AllowedNetworks.Add("203.0.113.0/24"); },
            mapMore: app => app.MapLimeCallWebhooks("/hooks/call-center/{secret}"));
        var client = host.Client();
        var body = Sample("call.ended");

        async Task<HttpStatusCode> Post(string path, string ip)
        {
            var request = Request(new Uri("http://localhost" + path), body, sign: false);
            request.Headers.Add("X-Test-Remote-Ip", ip);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Post("/hooks/call-center/s3cr3t-path", "203.0.113.7"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post("/hooks/call-center/wrong", "203.0.113.7"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Post("/hooks/call-center/s3cr3t-path", "198.51.100.7"));
    }

    [Theory]
    [InlineData("203.0.113.7", HttpStatusCode.OK)]
    [InlineData("::ffff:203.0.113.7", HttpStatusCode.OK)] // how a dual-stack socket reports an IPv4 sender
    [InlineData("203.0.113.8", HttpStatusCode.Unauthorized)]
    [InlineData("2001:db8::7", HttpStatusCode.OK)]
    [InlineData("2001:db8::8", HttpStatusCode.Unauthorized)]
    [InlineData("198.51.100.200", HttpStatusCode.OK)] // inside the CIDR network
    [InlineData("198.51.101.1", HttpStatusCode.Unauthorized)]
    public async Task AllowList_OfSingleAddressesAndNetworks_AdmitsExactlyThem(string remote, HttpStatusCode expected)
    {
        await using var host = await ReceiverHost.StartAsync(o =>
        {
            o.AllowedNetworks.Add("203.0.113.7"); // a bare address is that one address, IPv4 or IPv6
            o.AllowedNetworks.Add("2001:db8::7");
            o.AllowedNetworks.Add("198.51.100.0/24");
        });
        var request = Request(host.Url, Sample("call.ended"), sign: false);
        request.Headers.Add("X-Test-Remote-Ip", remote);

        using var response = await host.Client().SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Start_WithNoWayToAuthenticate_FailsWithAClearMessage()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => ReceiverHost.StartAsync(_ => { }));

        Assert.Contains("no way to authenticate", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AllowUnauthenticated", ex.Message, StringComparison.Ordinal);
        await using var open = await ReceiverHost.StartAsync(o => o.AllowUnauthenticated = true);
        using var response = await open.Client().SendAsync(Request(open.Url, Sample("call.missed"), sign: false));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Secrets_RotatedInConfiguration_TakeEffectWithoutARestart()
    {
        await using var host = await ReceiverHost.StartAsync(_ => { }, settings: new Dictionary<string, string?> { ["LimeCall:Webhooks:Secrets:0"] = Secret });
        var client = host.Client();
        using var before = await client.SendAsync(Request(host.Url, Sample("call.missed"), sign: true));

        host.App.Configuration["LimeCall:Webhooks:Secrets:0"] = "whsec_next";
        ((IConfigurationRoot)host.App.Configuration).Reload();
        using var oldSecret = await client.SendAsync(Request(host.Url, Sample("call.completed"), sign: true));
        using var newSecret = await client.SendAsync(Request(host.Url, Sample("call.completed"), sign: true, secret: "whsec_next"));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (oldSecret.StatusCode, newSecret.StatusCode));
    }

    [Fact]
    public async Task UserEndpoint_WithRequireLimeCallSignature_IsVerifiedAndStillModelBinds()
    {
        await using var host = await ReceiverHost.StartAsync(
            o => o.Secrets.Add(Secret),
            mapMore: app => app.MapPost("/my/leads", (LeadDto lead) => Results.Ok(lead.name_field)).RequireLimeCallSignature());
        var client = host.Client();
        var body = """{"name_field":"John Doe","phone_field":"1234567890"}"""u8.ToArray();

        using var signed = await client.SendAsync(Request(new Uri("http://localhost/my/leads"), body, sign: true));
        using var unsigned = await client.SendAsync(Request(new Uri("http://localhost/my/leads"), body, sign: false));

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal("\"John Doe\"", await signed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }

    [Fact]
    public async Task MapLimeCallWebhooks_WithoutAddLimeCallWebhooks_Throws()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();

        var ex = Assert.Throws<InvalidOperationException>(() => app.MapLimeCallWebhooks());

        Assert.Contains("AddLimeCallWebhooks", ex.Message, StringComparison.Ordinal);
    }

    internal static byte[] Sample(string type, LimeCallPayloadShape shape = LimeCallPayloadShape.Enveloped)
        => LimeCallSamplePayloads.Get(type, shape).Utf8Json.ToArray();

    internal static HttpRequestMessage Request(Uri url, byte[] body, bool sign, string secret = Secret, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (sign)
        {
            request.Headers.TryAddWithoutValidation(LimeCallWebhookHeaders.Signature, LimeCallSigner.ComputeSignature(Encoding.UTF8.GetBytes(secret), body));
        }

        return request;
    }

    private Task<HttpResponseMessage> PostAsync(byte[] body, string contentType = "application/json")
        => _client.SendAsync(Request(_host.Url, body, sign: true, contentType: contentType));

    /// <summary>A user's own model, bound from the verified body.</summary>
    public sealed record LeadDto(string name_field, string phone_field);
}
