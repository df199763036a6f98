using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LimeCall.Sdk.Testing.Emulator;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.Extensions.Time.Testing;

namespace LimeCall.Sdk.Testing.Tests.Emulator;

public sealed class LimeCallApiEmulatorTests : IAsyncLifetime
{
    private const string Token = "test_api_token";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 29, 15, 0, 0, TimeSpan.Zero)); // a Wednesday
    private readonly HttpClient _http = new();
    private LimeCallApiEmulator _emulator = null!;
    private RecordingReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _emulator = await LimeCallApiEmulator.StartAsync(new() { ApiToken = Token }, _time);
        _receiver = await RecordingReceiver.StartAsync();
        _emulator.RegisterWebhook(_receiver.Url);
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        await _receiver.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task CreateCallback_Valid_Returns201AndRunsTheLifecycleAsSignedWebhooksInOrder()
    {
        using var response = await PostCallbackAsync("""{"customer_number":"+14155550123","team_number":"+14155550100"}""");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith("cb_", body.RootElement.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("queued", body.RootElement.GetProperty("status").GetString());
        // Advance the emulated world only while no webhook is in flight, or the clock would time the attempt out.
        await _emulator.WebhookSender.WhenIdleAsync();
        Assert.Equal(1, _emulator.Lifecycle.ActiveTimers); // ringing: one timer for the call in progress
        _time.Advance(TimeSpan.FromSeconds(10));
        await _emulator.WebhookSender.WhenIdleAsync();
        _time.Advance(TimeSpan.FromMinutes(3));
        await _emulator.WebhookSender.WhenIdleAsync();

        var events = ReceivedEvents();
        Assert.Equal(["call.initiated", "call.connected", "call.completed"], events.Select(e => e.Type));
        Assert.Equal(0, _emulator.Lifecycle.ActiveTimers); // a finished call gives its timer back
        Assert.All(events, e => Assert.Equal(_emulator.Callbacks[0].CallId, e.GetData<CallEvent>().CallId));
        Assert.Equal(180, events[2].GetData<CallCompletedEvent>().Duration);
        using var verifier = new LimeCallSignatureVerifier("whsec_emulator");
        Assert.All(_receiver.Requests, r => Assert.True(verifier.Verify(r.Body, r.Headers["X-LimeCall-Signature"]).IsValid));
        Assert.Equal(EmulatedCallbackStatus.Completed, _emulator.Callbacks[0].Status);
    }

    [Fact]
    public async Task Port_Given_TheEmulatorListensThereOnLoopback_AndAnOutOfRangePortIsRefused()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port; // free a moment ago
        }

        await using var emulator = await LimeCallApiEmulator.StartAsync(new() { ApiToken = Token, Port = port }, _time);

        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), emulator.BaseAddress);
        await Assert.ThrowsAsync<ArgumentException>(() => LimeCallApiEmulator.StartAsync(new() { Port = 65536 }));
    }

    [Fact]
    public async Task CreateCallback_ScriptedMiss_SendsInitiatedThenMissed()
    {
        await using var emulator = await LimeCallApiEmulator.StartAsync(new() { ApiToken = Token, Outcome = _ => EmulatedCallOutcome.Missed }, _time);
        emulator.RegisterWebhook(_receiver.Url);

        using var response = await PostCallbackAsync("""{"customer_number":"+14155550123","team_number":"+14155550100"}""", emulator);
        await emulator.WebhookSender.WhenIdleAsync();
        _time.Advance(TimeSpan.FromSeconds(10));
        await emulator.WebhookSender.WhenIdleAsync();

        Assert.Equal(["call.initiated", "call.missed"], ReceivedEvents().Select(e => e.Type));
    }

    [Fact]
    public async Task CreateCallback_ScheduledInTheFuture_IsHeldUntilDue()
    {
        var at = _time.GetUtcNow().AddHours(2).ToOffset(TimeSpan.FromHours(-5));
        using var response = await PostCallbackAsync($$"""{"customer_number":"+14155550123","team_number":"+14155550100","scheduled_at":"{{at:yyyy-MM-ddTHH:mm:sszzz}}"}""");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("scheduled", body.RootElement.GetProperty("status").GetString());
        _time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.Empty(_receiver.Requests);
        Assert.Equal(EmulatedCallbackStatus.Scheduled, _emulator.Callbacks[0].Status);
        _time.Advance(TimeSpan.FromSeconds(1));
        await _emulator.WebhookSender.WhenIdleAsync();
        Assert.Equal("call.initiated", ReceivedEvents()[0].Type);
        Assert.Equal(at, _emulator.Callbacks[0].RequestedAt);
    }

    [Fact]
    public async Task CreateCallback_OutsideBusinessHours_IsHeldForTheNextWindow()
    {
        var saturdayNight = new DateTimeOffset(2025, 2, 1, 22, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(saturdayNight);
        await using var emulator = await LimeCallApiEmulator.StartAsync(new() { ApiToken = Token, BusinessHours = new BusinessHours() }, time);

        using var response = await PostCallbackAsync("""{"customer_number":"+14155550123","team_number":"+14155550100"}""", emulator);

        Assert.Equal(new DateTimeOffset(2025, 2, 3, 9, 0, 0, TimeSpan.Zero), emulator.Callbacks[0].DueAt);
        Assert.Contains("\"status\":\"scheduled\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong")]
    [InlineData("Basic dGVzdDp0ZXN0")]
    public async Task Requests_WithoutTheToken_Get401WithTheErrorBody(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_emulator.BaseAddress, "v1/callbacks"))
        {
            Content = new StringContent("""{"customer_number":"+14155550123","team_number":"+14155550100"}""", Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await _http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("error", body.RootElement.GetProperty("status").GetString());
        Assert.Empty(_emulator.Callbacks);
        Assert.All(_emulator.Requests, r => Assert.DoesNotContain("wrong", r.Headers.GetValueOrDefault("Authorization") ?? string.Empty, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"team_number":"+14155550100"}""", 422, "customer_number is required")]
    [InlineData("""{"customer_number":"+14155550123"}""", 422, "team_number is required")]
    [InlineData("""{"customer_number":"4155550123","team_number":"+14155550100"}""", 422, "Invalid phone number format")]
    [InlineData("""{"customer_number":"+1415555abcd","team_number":"+14155550100"}""", 422, "Invalid phone number format")]
    [InlineData("""{"customer_number":"+14155550123","team_number":"+14155550100","scheduled_at":"2030-01-30T15:00:00"}""", 422, "scheduled_at must be an ISO 8601 time with an offset")]
    [InlineData("""{"customer_number":"+14155550123","team_number":"+14155550100","scheduled_at":"2020-01-30T15:00:00Z"}""", 422, "scheduled_at must be in the future")]
    [InlineData("""{"customer_number":""", 400, "The request body is not valid JSON")]
    [InlineData("""[1,2]""", 400, "The request body must be a JSON object")]
    public async Task CreateCallback_BadRequest_GetsTheStatusAndDetails(string json, int status, string details)
    {
        using var response = await PostCallbackAsync(json);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(details, body.RootElement.GetProperty("details").GetString());
        Assert.Empty(_emulator.Callbacks);
    }

    [Fact]
    public async Task CreateCallback_NotJson_Gets415()
    {
        using var request = Authorized(HttpMethod.Post, new Uri(_emulator.BaseAddress, "v1/callbacks"));
        request.Content = new StringContent("customer_number=+14155550123", Encoding.UTF8, "text/plain");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task CreateCallback_SameIdempotencyKeyTwice_CreatesOneCallbackAndReplaysTheAnswer()
    {
        using var first = await PostCallbackAsync("""{"customer_number":"+14155550123","team_number":"+14155550100"}""", idempotencyKey: "idem-1");
        using var second = await PostCallbackAsync("""{"customer_number":"+14155550123","team_number":"+14155550100"}""", idempotencyKey: "idem-1");

        Assert.Single(_emulator.Callbacks);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
    }

    [Theory]
    [InlineData(EmulatedApiFault.RateLimited, 429, "2")]
    [InlineData(EmulatedApiFault.Unavailable, 503, "1")]
    [InlineData(EmulatedApiFault.InternalError, 500, null)]
    public async Task InjectFault_AnswersTheFaultOnceWithoutCreatingACallback(EmulatedApiFault fault, int status, string? retryAfter)
    {
        _emulator.InjectFault(fault);

        using var failed = await PostCallbackAsync("""{"customer_number":"+14155550123","team_number":"+14155550100"}""");
        using var next = await PostCallbackAsync("""{"customer_number":"+14155550123","team_number":"+14155550100"}""");

        Assert.Equal(status, (int)failed.StatusCode);
        Assert.Equal(retryAfter, failed.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        Assert.Single(_emulator.Callbacks);
    }

    [Theory]
    [InlineData(EmulatedApiFault.None)]
    [InlineData((EmulatedApiFault)42)]
    public void InjectFault_NoneOrUndefined_IsRefused(EmulatedApiFault fault)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _emulator.InjectFault(fault));
    }

    [Fact]
    public async Task InjectFault_AcceptThenDropConnection_CreatesTheCallbackButNeverAnswers()
    {
        _emulator.InjectFault(EmulatedApiFault.AcceptThenDropConnection);

        await Assert.ThrowsAsync<HttpRequestException>(() => PostCallbackAsync("""{"customer_number":"+14155550123","team_number":"+14155550100"}"""));

        Assert.Single(_emulator.Callbacks);
        var request = Assert.Single(_emulator.Requests);
        Assert.Equal(EmulatorRequestOutcome.ConnectionDropped, request.Outcome);
        Assert.Null(request.StatusCode);
    }

    [Fact]
    public async Task CaptureLead_SeedSamplePayload_SucceedsStartsTheCallbackAndSendsLeadCaptured()
    {
        using var response = await PostLeadAsync(new StringContent(SeedLead(), Encoding.UTF8, "application/json"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("success", "Webhook data captured successfully", "initiated"), (body.RootElement.GetProperty("status").GetString(), body.RootElement.GetProperty("message").GetString(), body.RootElement.GetProperty("auto_callback").GetString()));
        Assert.Equal("+11234567890", Assert.Single(_emulator.Callbacks).CustomerNumber);
        await _emulator.WebhookSender.WhenIdleAsync();
        var lead = Assert.Single(ReceivedEvents().Select(e => e.Data).OfType<LeadCapturedEvent>());
        Assert.Equal(("John Doe", true, "captureLeadWebhook"), (lead.Name, lead.IsAutoCallback, lead.LeadSource));
    }

    [Fact]
    public async Task CaptureLead_AsFormData_MeansTheSameAsJson()
    {
        var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(SeedLead())!
            .ToDictionary(p => p.Key, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());

        using var response = await PostLeadAsync(new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fields, _emulator.Leads[0]);
        Assert.Single(_emulator.Callbacks);
    }

    [Theory]
    [InlineData("phone_field", null, 422, "Validation failed", "phone_field is required")]
    [InlineData("status", null, 422, "Validation failed", "status is required")]
    [InlineData("phone_field", "12-34-abc", 422, "Failed to initiate auto callback", "Invalid phone number format")]
    public async Task CaptureLead_BadLead_GetsTheDocumentedErrorBody(string field, string? value, int status, string message, string details)
    {
        var lead = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(SeedLead())!;
        if (value is null)
        {
            lead.Remove(field);
        }
        else
        {
            lead[field] = JsonSerializer.SerializeToElement(value);
        }

        using var response = await PostLeadAsync(new StringContent(JsonSerializer.Serialize(lead), Encoding.UTF8, "application/json"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal((message, details), (body.RootElement.GetProperty("message").GetString(), body.RootElement.GetProperty("details").GetString()));
        Assert.Empty(_emulator.Callbacks);
    }

    [Fact]
    public async Task CaptureLead_WithoutAutoCallback_CapturesWithoutCalling()
    {
        var lead = SeedLead().Replace("\"is_auto\": 1", "\"is_auto\": 0", StringComparison.Ordinal);

        using var response = await PostLeadAsync(new StringContent(lead, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("auto_callback", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_emulator.Callbacks);
        Assert.Single(_emulator.Leads);
    }

    /// <summary>The sample request of the inbound-webhooks document, verbatim.</summary>
    private static string SeedLead() => """
        {
          "hookName": "captureLeadWebhook",
          "name_field": "John Doe",
          "country_code_field": "+1",
          "phone_field": "1234567890",
          "email_field": "john.doe@example.com",
          "company_name_field": "Acme Corp",
          "ip_address_field": "192.168.1.1",
          "industry_field": "Software",
          "message_field": "Looking for a demo.",
          "size_field": "Medium",
          "page_url_field": "https://example.com/demo",
          "page_name_field": "Demo Page",
          "date_submitted_field": "2025-01-30",
          "time_submitted_field": "14:30:00",
          "is_auto": 1,
          "status": 1,
          "team_id_field": "team_001"
        }
        """;

    private List<LimeCallEvent> ReceivedEvents() => [.. _receiver.Requests.Select(r => LimeCallEventSerializer.Default.Parse(r.Body))];

    private static HttpRequestMessage Authorized(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return request;
    }

    private async Task<HttpResponseMessage> PostCallbackAsync(string json, LimeCallApiEmulator? emulator = null, string? idempotencyKey = null)
    {
        using var request = Authorized(HttpMethod.Post, new Uri((emulator ?? _emulator).BaseAddress, "v1/callbacks"));
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await _http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostLeadAsync(HttpContent content)
    {
        using var request = Authorized(HttpMethod.Post, _emulator.LeadCaptureUrl);
        request.Content = content;
        return await _http.SendAsync(request);
    }
}
