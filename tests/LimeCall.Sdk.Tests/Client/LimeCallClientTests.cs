using System.Text.Json;
using LimeCall.Sdk.Client;
using LimeCall.Sdk.TestKit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.Tests.Client;

/// <summary>What the client puts on the wire, and when it retries, against a scripted transport on a manual clock.</summary>
public sealed class LimeCallClientTests
{
    private const string Token = "tok_CLIENT_SECRET_TOKEN";
    private readonly SteppingTimeProvider _time = new();
    private readonly ScriptedHandler _handler = new();

    [Fact]
    public async Task CreateCallbackAsync_SendsTheDocumentedRequest()
    {
        var client = Client();
        var at = new DateTimeOffset(2025, 1, 31, 9, 30, 0, TimeSpan.FromHours(-5));

        var result = await client.CreateCallbackAsync(new() { CustomerNumber = "+1 (415) 555-0123", TeamNumber = "0014155550100", ScheduledAt = at });

        var (request, body) = Assert.Single(_handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.limecall.com/v1/callbacks", request.RequestUri!.ToString());
        Assert.Equal(("Bearer", Token), (request.Headers.Authorization!.Scheme, request.Headers.Authorization.Parameter));
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("application/json", request.Headers.Accept.Single().MediaType);
        Assert.Equal("LimeCall.Sdk.NET/0.1", request.Headers.UserAgent.ToString());
        using var json = JsonDocument.Parse(body);
        Assert.Equal("+14155550123", json.RootElement.GetProperty("customer_number").GetString());
        Assert.Equal("+14155550100", json.RootElement.GetProperty("team_number").GetString());
        Assert.Equal("2025-01-31T09:30:00-05:00", json.RootElement.GetProperty("scheduled_at").GetString());
        Assert.Equal(request.Headers.GetValues("Idempotency-Key").Single(), result.IdempotencyKey);
        Assert.Equal(("cb_default", "queued"), (result.Id, result.Status));
    }

    [Theory]
    [InlineData("4155550123")]
    [InlineData("+1 415 CALL NOW")]
    [InlineData("+0415550123")]
    [InlineData("")]
    public async Task CreateCallbackAsync_NumberNotInternational_IsRejectedBeforeSending(string number)
    {
        var ex = await Assert.ThrowsAsync<LimeCallValidationException>(() => Client().CreateCallbackAsync(new() { CustomerNumber = number, TeamNumber = "+14155550100" }));

        Assert.Equal("CustomerNumber", ex.ParameterName);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task CreateCallbackAsync_ScheduledInThePast_IsRejectedBeforeSending()
    {
        var ex = await Assert.ThrowsAsync<LimeCallValidationException>(() => Client().CreateCallbackAsync(Request(scheduledAt: _time.GetUtcNow().AddSeconds(-1))));

        Assert.Equal("ScheduledAt", ex.ParameterName);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task CreateCallbackAsync_ScheduledForNow_IsRejected_ItWouldBeInThePastWhenItArrives()
    {
        var ex = await Assert.ThrowsAsync<LimeCallValidationException>(() => Client().CreateCallbackAsync(Request(scheduledAt: _time.GetUtcNow())));

        Assert.Equal("ScheduledAt must be in the future.", ex.Message);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task CreateCallbackAsync_ScheduledATickAhead_IsSent()
    {
        _handler.Then(ScriptedHandler.Created("cb_soon"));

        var result = await Client().CreateCallbackAsync(Request(scheduledAt: _time.GetUtcNow().AddTicks(1)));

        Assert.Equal("cb_soon", result.Id);
    }

    [Fact]
    public async Task Calls_RefuseNullArgumentsByName()
    {
        var client = Client();

        Assert.Equal("request", (await Assert.ThrowsAsync<ArgumentNullException>(() => client.CreateCallbackAsync(null!))).ParamName);
        Assert.Equal("webhookUrl", (await Assert.ThrowsAsync<ArgumentNullException>(() => client.CaptureLeadAsync(null!, Lead()))).ParamName);
        Assert.Equal("lead", (await Assert.ThrowsAsync<ArgumentNullException>(() => client.CaptureLeadAsync(new Uri("https://hooks.limecall.com/inbound/abc"), null!))).ParamName);
        Assert.Empty(_handler.Requests);
    }

    [Fact]
    public async Task AnAnswerWithoutAStatus_HasAnEmptyStatus_NeverNull()
    {
        _handler.Then(ScriptedHandler.Json(201, """{"id":"cb_no_status"}"""));
        _handler.Then(ScriptedHandler.Json(200, """{"message":"captured"}"""));

        var callback = await Client().CreateCallbackAsync(Request());
        var lead = await Client().CaptureLeadAsync(new Uri("https://hooks.limecall.com/inbound/abc"), Lead());

        Assert.Equal(("cb_no_status", string.Empty), (callback.Id, callback.Status));
        Assert.Equal((string.Empty, "captured"), (lead.Status, lead.Message));
    }

    [Fact]
    public async Task NeverSent_AndOutOfRetries_SaysNothingWasSent()
    {
        _handler.ThenThrow(new HttpRequestException(HttpRequestError.ConnectionError, "refused"));

        var ex = await Assert.ThrowsAsync<LimeCallApiException>(() => Client(new() { ApiToken = Token, MaxRetries = 0 }).CreateCallbackAsync(Request()));

        Assert.Equal("LimeCall could not be reached; the request was not sent.", ex.Message);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Equal(_handler.Requests.Single().Request.Headers.GetValues("Idempotency-Key").Single(), ex.IdempotencyKey);
    }

    [Theory]
    [InlineData(HttpRequestError.ConnectionError)]
    [InlineData(HttpRequestError.NameResolutionError)]
    [InlineData(HttpRequestError.SecureConnectionError)]
    public async Task NeverSent_IsRetriedWithTheSameIdempotencyKey(HttpRequestError error)
    {
        _handler.ThenThrow(new HttpRequestException(error, "refused"));
        _handler.ThenThrow(new HttpRequestException(error, "refused"));

        var result = await _time.RunAsync(() => Client().CreateCallbackAsync(Request()));

        Assert.Equal(3, _handler.Requests.Count);
        Assert.Single(_handler.Requests.Select(r => r.Request.Headers.GetValues("Idempotency-Key").Single()).Distinct());
        Assert.Equal("cb_default", result.Id);
    }

    [Fact]
    public async Task NeverSent_RetriesWaitHalfToAllOfTheBaseDelay_DoublingEachTime()
    {
        var sentAt = new List<DateTimeOffset>();
        for (var i = 0; i < 3; i++)
        {
            _handler.Then((_, _) =>
            {
                sentAt.Add(_time.GetUtcNow());
                return Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
            });
        }

        _handler.Then((_, _) =>
        {
            sentAt.Add(_time.GetUtcNow());
            return Task.FromResult(ScriptedHandler.Created("cb_4"));
        });
        var client = Client(new() { ApiToken = Token, RetryBaseDelay = TimeSpan.FromSeconds(1) });

        await _time.RunAsync(() => client.CreateCallbackAsync(Request()));

        var waits = sentAt.Zip(sentAt.Skip(1), (a, b) => b - a).ToArray();
        Assert.Equal(3, waits.Length);
        for (var retry = 0; retry < waits.Length; retry++)
        {
            var full = TimeSpan.FromSeconds(Math.Pow(2, retry));
            Assert.InRange(waits[retry], full / 2, full);
        }
    }

    [Fact]
    public async Task NeverSent_WhenTheWaitForARetryWouldOutlastTheBudget_FailsAtOnceSayingNothingWasSent()
    {
        _handler.ThenThrow(new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        _handler.ThenThrow(new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        // The shortest wait (half the base delay, 1 s) does not end inside the 1 s budget.
        var client = Client(new() { ApiToken = Token, AttemptTimeout = TimeSpan.FromSeconds(1), TotalTimeout = TimeSpan.FromSeconds(1), RetryBaseDelay = TimeSpan.FromSeconds(2) });
        var started = _time.GetUtcNow();

        var ex = await Assert.ThrowsAsync<LimeCallApiException>(() => _time.RunAsync(() => client.CreateCallbackAsync(Request()), horizon: TimeSpan.FromMinutes(1)));

        Assert.Equal("LimeCall could not be reached; the request was not sent.", ex.Message);
        Assert.Single(_handler.Requests);
        Assert.Equal(started, _time.GetUtcNow());
    }

    [Theory]
    [InlineData(HttpRequestError.ResponseEnded)]
    [InlineData(HttpRequestError.Unknown)]
    public async Task MaybeSent_IsNotRetriedAndTheOutcomeIsUnknown(HttpRequestError error)
    {
        _handler.ThenThrow(new HttpRequestException(error, "dropped"));

        var ex = await Assert.ThrowsAsync<LimeCallOutcomeUnknownException>(() => _time.RunAsync(() => Client().CreateCallbackAsync(Request())));

        Assert.Single(_handler.Requests);
        Assert.Equal(_handler.Requests.Single().Request.Headers.GetValues("Idempotency-Key").Single(), ex.IdempotencyKey);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task NotProcessed_WithRetryAfterInsideTheBudget_IsRetriedAfterThatWait(int status)
    {
        _handler.Then(ScriptedHandler.Json(status, """{"status":"error","message":"busy"}""", r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(2))));
        var started = _time.GetUtcNow();

        var result = await _time.RunAsync(() => Client().CreateCallbackAsync(Request()));

        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal("cb_default", result.Id);
        Assert.Equal(TimeSpan.FromSeconds(2), _time.GetUtcNow() - started);
    }

    [Fact]
    public async Task RetryAfter_AsAnHttpDate_IsMeasuredOnTheInjectedClock()
    {
        var started = _time.GetUtcNow();
        _handler.Then(ScriptedHandler.Json(503, """{"status":"error"}""", r => r.Headers.RetryAfter = new(started.AddSeconds(3))));

        var result = await _time.RunAsync(() => Client().CreateCallbackAsync(Request()));

        Assert.Equal("cb_default", result.Id);
        Assert.Equal(TimeSpan.FromSeconds(3), _time.GetUtcNow() - started);
    }

    [Fact]
    public async Task RetryAfter_AsAnHttpDateAlreadyPassed_IsRetriedAtOnce()
    {
        // A server clock a little behind ours: the wait it asks for is over, so the retry goes now, not after a back-off.
        var started = _time.GetUtcNow();
        _handler.Then(ScriptedHandler.Json(503, """{"status":"error"}""", r => r.Headers.RetryAfter = new(started.AddSeconds(-10))));

        var result = await _time.RunAsync(() => Client().CreateCallbackAsync(Request()));

        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal("cb_default", result.Id);
        Assert.Equal(TimeSpan.Zero, _time.GetUtcNow() - started);
    }

    [Fact]
    public async Task RateLimited_WithRetryAfterPastTheBudget_FailsAtOnceWithTheWait()
    {
        _handler.Then(ScriptedHandler.Json(429, """{"status":"error","message":"Too many requests","details":"slow down"}""", r => r.Headers.RetryAfter = new(TimeSpan.FromMinutes(5))));

        var ex = await Assert.ThrowsAsync<LimeCallRateLimitedException>(() => _time.RunAsync(() => Client().CreateCallbackAsync(Request())));

        Assert.Single(_handler.Requests);
        Assert.Equal((429, TimeSpan.FromMinutes(5), "slow down"), (ex.StatusCode, ex.RetryAfter, ex.Details));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task ServerError_OtherThan503_IsNotRetriedAndTheOutcomeIsUnknown(int status)
    {
        _handler.Then(ScriptedHandler.Json(status, "<html>oops</html>"));

        var ex = await Assert.ThrowsAsync<LimeCallOutcomeUnknownException>(() => _time.RunAsync(() => Client().CreateCallbackAsync(Request())));

        Assert.Single(_handler.Requests);
        Assert.Equal(status, ex.StatusCode);
    }

    [Fact]
    public async Task Attempt_WithNoAnswerInTime_IsNotRetriedAndTheOutcomeIsUnknown()
    {
        var inFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _handler.Then(async (_, ct) =>
        {
            inFlight.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });

        var call = Client().CreateCallbackAsync(Request());
        // Bounded without a clock: a call that fails before reaching the handler ends the wait too (and the test).
        await Task.WhenAny(inFlight.Task, call);
        Assert.True(inFlight.Task.IsCompleted, "the request never reached the handler");

        _time.Advance(TimeSpan.FromSeconds(10));

        var ex = await Assert.ThrowsAsync<LimeCallOutcomeUnknownException>(() => call);
        Assert.Equal("The request may have reached LimeCall, but no answer says whether it was processed; it was not retried.", ex.Message);
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task NotProcessed_WithRetryAfterEndingExactlyWhenTheBudgetDoes_IsNotRetried()
    {
        // A wait that ends at the deadline leaves no time for the attempt: failing now says so, retrying would not.
        _handler.Then(ScriptedHandler.Json(503, """{"status":"error"}""", r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(10))));
        var client = Client(new() { ApiToken = Token, AttemptTimeout = TimeSpan.FromSeconds(10), TotalTimeout = TimeSpan.FromSeconds(10) });

        var ex = await Assert.ThrowsAsync<LimeCallApiException>(() => _time.RunAsync(() => client.CreateCallbackAsync(Request()), horizon: TimeSpan.FromMinutes(1)));

        Assert.Equal((503, TimeSpan.FromSeconds(10)), (ex.StatusCode, ex.RetryAfter));
        Assert.Single(_handler.Requests);
    }

    [Fact]
    public async Task Retry_WithLessBudgetLeftThanAnAttemptTimeout_EndsWhenTheBudgetDoes()
    {
        _handler.Then(ScriptedHandler.Json(503, """{"status":"error"}""", r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(5))));
        _handler.Then(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        var client = Client(new() { ApiToken = Token, AttemptTimeout = TimeSpan.FromSeconds(10), TotalTimeout = TimeSpan.FromSeconds(12) });
        var started = _time.GetUtcNow();

        // The second attempt starts at 5 s with 7 s of the call's 12 left: it gets 7, not a full attempt's 10.
        await Assert.ThrowsAsync<LimeCallOutcomeUnknownException>(() => _time.RunAsync(() => client.CreateCallbackAsync(Request()), horizon: TimeSpan.FromMinutes(1)));

        Assert.Equal(2, _handler.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(12), _time.GetUtcNow() - started);
    }

    [Fact]
    public async Task Cancellation_WhileTheRequestIsInFlight_IsTheCallersCancellationNotAnUnknownOutcome()
    {
        var inFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _handler.Then(async (_, ct) =>
        {
            inFlight.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        using var cts = new CancellationTokenSource();

        var call = Client().CreateCallbackAsync(Request(), cts.Token);
        // Bounded without a clock: a call that fails before reaching the handler ends the wait too (and the test).
        await Task.WhenAny(inFlight.Task, call);
        Assert.True(inFlight.Task.IsCompleted, "the request never reached the handler");

        await cts.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Single(_handler.Requests);
    }

    [Theory]
    [InlineData(401, typeof(LimeCallAuthenticationException))]
    [InlineData(403, typeof(LimeCallAuthenticationException))]
    [InlineData(422, typeof(LimeCallValidationException))]
    [InlineData(400, typeof(LimeCallValidationException))]
    [InlineData(404, typeof(LimeCallApiException))]
    public async Task ErrorAnswer_MapsToTheExceptionCallersBranchOn(int status, Type expected)
    {
        _handler.Then(ScriptedHandler.Json(status, """{"status":"error","message":"Validation failed","details":"Invalid phone number format"}""", r => r.Headers.Add("X-Request-Id", "req_42")));

        var ex = await Assert.ThrowsAnyAsync<LimeCallApiException>(() => Client().CreateCallbackAsync(Request()));

        Assert.IsType(expected, ex);
        Assert.Equal((status, "Validation failed", "Invalid phone number format", "req_42"), (ex.StatusCode, ex.ErrorMessage, ex.Details, ex.RequestId));
        Assert.DoesNotContain(Token, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_IsHonoured()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().CreateCallbackAsync(Request(), cts.Token));
    }

    [Theory]
    [InlineData(LeadCaptureFormat.Json, "application/json")]
    [InlineData(LeadCaptureFormat.Form, "application/x-www-form-urlencoded")]
    public async Task CaptureLeadAsync_JsonAndForm_CarryTheSameFields(LeadCaptureFormat format, string mediaType)
    {
        _handler.Then(ScriptedHandler.Json(200, """{"status":"success","message":"Webhook data captured successfully","auto_callback":"initiated"}"""));
        var lead = Lead();
        lead.CustomFields["utm_source"] = "newsletter";

        var result = await Client().CaptureLeadAsync(new Uri("https://hooks.limecall.com/inbound/abc"), lead, format);

        var (request, body) = Assert.Single(_handler.Requests);
        Assert.Equal(mediaType, request.Content!.Headers.ContentType!.MediaType);
        var fields = format == LeadCaptureFormat.Json
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(body)!
            : body.Split('&').Select(p => p.Split('=')).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
        Assert.Equal("captureLeadWebhook", fields["hookName"]);
        Assert.Equal(("+1", "1234567890", "1", "1"), (fields["country_code_field"], fields["phone_field"], fields["is_auto"], fields["status"]));
        Assert.Equal(("2025-01-30", "14:30:00"), (fields["date_submitted_field"], fields["time_submitted_field"]));
        Assert.Equal("newsletter", fields["utm_source"]);
        Assert.Equal(("success", "Webhook data captured successfully", "initiated"), (result.Status, result.Message, result.AutoCallback));
    }

    [Fact]
    public async Task CaptureLeadAsync_EveryOptionalField_GoesUnderItsDocumentedName_AndUnsetOnesAreLeftOut()
    {
        _handler.Then(ScriptedHandler.Json(200, """{"status":"success"}"""));
        _handler.Then(ScriptedHandler.Json(200, """{"status":"success"}"""));
        var full = Lead();
        (full.CompanyName, full.IpAddress, full.Industry, full.Message) = ("Acme", "203.0.113.7", "Retail", "Call me");
        (full.CompanySize, full.PageUrl, full.PageName, full.TeamId) = ("11-50", "https://acme.example/pricing", "Pricing", "team_9");
        full.AutoCallback = false;
        full.Status = 2;
        var bare = Lead();
        (bare.Email, bare.TeamId) = (null, null);

        await Client().CaptureLeadAsync(new Uri("https://hooks.limecall.com/inbound/abc"), full);
        await Client().CaptureLeadAsync(new Uri("https://hooks.limecall.com/inbound/abc"), bare);

        var sent = _handler.Requests.Select(r => JsonSerializer.Deserialize<Dictionary<string, string>>(r.Body)!).ToList();
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["hookName"] = "captureLeadWebhook", ["name_field"] = "John Doe", ["country_code_field"] = "+1", ["phone_field"] = "1234567890",
                ["date_submitted_field"] = "2025-01-30", ["time_submitted_field"] = "14:30:00", ["is_auto"] = "0", ["status"] = "2",
                ["email_field"] = "john.doe@example.com", ["company_name_field"] = "Acme", ["ip_address_field"] = "203.0.113.7",
                ["industry_field"] = "Retail", ["message_field"] = "Call me", ["size_field"] = "11-50",
                ["page_url_field"] = "https://acme.example/pricing", ["page_name_field"] = "Pricing", ["team_id_field"] = "team_9",
            },
            sent[0]);
        Assert.Equal(["hookName", "name_field", "country_code_field", "phone_field", "date_submitted_field", "time_submitted_field", "is_auto", "status"], sent[1].Keys);
    }

    [Theory]
    [InlineData("""{"status":"error","message":"Validation failed","details":"Invalid phone number format"}""", "LimeCall answered 422: Validation failed (Invalid phone number format).")]
    [InlineData("""{"status":"error","message":"Validation failed"}""", "LimeCall answered 422: Validation failed.")]
    [InlineData("""{"status":"error","details":"Invalid phone number format"}""", "LimeCall answered 422 (Invalid phone number format).")]
    [InlineData("<html>Bad gateway</html>", "LimeCall answered 422.")]
    public async Task ErrorAnswer_MessageSaysTheStatusAndWhatLimeCallSaid_InOneLine(string body, string expected)
    {
        _handler.Then(ScriptedHandler.Json(422, body));

        var ex = await Assert.ThrowsAsync<LimeCallValidationException>(() => Client().CreateCallbackAsync(Request()));

        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public async Task ErrorAnswer_WithSeveralRequestIds_ReportsTheFirst()
    {
        _handler.Then(ScriptedHandler.Json(404, """{"status":"error"}""", r => r.Headers.Add("X-Request-Id", ["req_1", "req_2"])));

        var ex = await Assert.ThrowsAsync<LimeCallApiException>(() => Client().CreateCallbackAsync(Request()));

        Assert.Equal("req_1", ex.RequestId);
    }

    [Fact]
    public async Task SuccessWithAnUnreadableBody_IsAnUnknownOutcomeThatSaysSo()
    {
        _handler.Then(ScriptedHandler.Json(201, "not json", r => r.Headers.Add("X-Request-Id", "req_7")));

        var ex = await Assert.ThrowsAsync<LimeCallOutcomeUnknownException>(() => Client().CreateCallbackAsync(Request()));

        Assert.StartsWith("LimeCall answered 201, but the answer could not be read; ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith(". Reconcile with the idempotency key.", ex.Message, StringComparison.Ordinal);
        Assert.Equal((201, "req_7"), (ex.StatusCode, ex.RequestId));
        Assert.False(string.IsNullOrEmpty(ex.IdempotencyKey));
    }

    [Fact]
    public void Options_PlainHttpOutsideLoopbackOrNoToken_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new LimeCallClient(new HttpClient(_handler), Options.Create(new LimeCallClientOptions { ApiToken = Token, BaseAddress = new Uri("http://api.example.com/") })));
        Assert.Throws<ArgumentException>(() => new LimeCallClient(new HttpClient(_handler), Options.Create(new LimeCallClientOptions())));
        Assert.NotNull(new LimeCallClient(new HttpClient(_handler), Options.Create(new LimeCallClientOptions { ApiToken = Token, BaseAddress = new Uri("http://127.0.0.1:5000/") })));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a (valid user agent")]
    public void Options_AnInvalidUserAgent_IsRefusedAtConstructionNotOnEveryCall(string userAgent)
    {
        var e = Assert.Throws<ArgumentException>(() => new LimeCallClient(new HttpClient(_handler), Options.Create(new LimeCallClientOptions { ApiToken = Token, UserAgent = userAgent })));

        Assert.Contains("UserAgent", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLimeCallClient_BindsTheLimeCallSection()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["LimeCall:ApiToken"] = Token, ["LimeCall:MaxRetries"] = "5", ["LimeCall:BaseAddress"] = "http://127.0.0.1:9/" })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddLimeCallClient();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<LimeCallClientOptions>>().Value;

        Assert.Equal((Token, 5, "http://127.0.0.1:9/"), (options.ApiToken, options.MaxRetries, options.BaseAddress.ToString()));
    }

    [Fact]
    public void AddLimeCallClient_RegistersATypedClientAndValidatesOptions()
    {
        var services = new ServiceCollection();
        var builder = services.AddLimeCallClient(o => o.ApiToken = Token);
        using var good = services.BuildServiceProvider();
        using var bad = new ServiceCollection().AddLimeCallClient().Services.BuildServiceProvider();

        Assert.Equal(nameof(LimeCallClient), builder.Name);
        Assert.NotNull(good.GetRequiredService<LimeCallClient>());
        Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<IOptions<LimeCallClientOptions>>().Value);
    }

    [Theory]
    [InlineData("http://hooks.limecall.com/inbound/abc")] // plain HTTP off this machine: the lead's personal data in clear
    [InlineData("ftp://hooks.limecall.com/inbound/abc")]
    public async Task CaptureLeadAsync_AWebhookUrlThatIsNotHttps_IsRefusedBeforeAnythingIsSent(string url)
    {
        var refused = await Assert.ThrowsAsync<LimeCallValidationException>(() => Client().CaptureLeadAsync(new Uri(url), Lead()));

        Assert.Equal("webhookUrl", refused.ParameterName);
        Assert.Empty(_handler.Requests);
    }

    [Theory]
    [InlineData(nameof(LeadCaptureRequest.HookName))]
    [InlineData(nameof(LeadCaptureRequest.Name))]
    [InlineData(nameof(LeadCaptureRequest.CountryCode))]
    [InlineData(nameof(LeadCaptureRequest.Phone))]
    public async Task CaptureLeadAsync_ARequiredFieldBlank_IsRefusedNamingItBeforeAnythingIsSent(string field)
    {
        var lead = Lead();
        _ = field switch
        {
            nameof(LeadCaptureRequest.HookName) => lead.HookName = " ",
            nameof(LeadCaptureRequest.Name) => lead.Name = string.Empty,
            nameof(LeadCaptureRequest.CountryCode) => lead.CountryCode = "\t",
            _ => lead.Phone = string.Empty,
        };

        var refused = await Assert.ThrowsAsync<LimeCallValidationException>(() => Client().CaptureLeadAsync(new Uri("https://hooks.limecall.com/inbound/abc"), lead));

        Assert.Equal(field, refused.ParameterName);
        Assert.Equal($"{field} is required.", refused.Message);
        Assert.Empty(_handler.Requests);
    }

    [Theory]
    [InlineData("+1", "555")] // too short to be a number
    [InlineData("+1", "415 CALL NOW")]
    [InlineData("1", "4155550123")] // no plus on the country code
    public async Task CaptureLeadAsync_APhoneThatIsNotANumber_IsRefusedBeforeAnythingIsSent(string countryCode, string phone)
    {
        var lead = Lead();
        (lead.CountryCode, lead.Phone) = (countryCode, phone);

        var refused = await Assert.ThrowsAsync<LimeCallValidationException>(() => Client().CaptureLeadAsync(new Uri("https://hooks.limecall.com/inbound/abc"), lead));

        Assert.Equal("Phone", refused.ParameterName);
        Assert.Empty(_handler.Requests);
    }

    internal static LeadCaptureRequest Lead() => new()
    {
        HookName = "captureLeadWebhook",
        Name = "John Doe",
        CountryCode = "+1",
        Phone = "1234567890",
        SubmittedAt = new DateTimeOffset(2025, 1, 30, 14, 30, 0, TimeSpan.Zero),
        Email = "john.doe@example.com",
        AutoCallback = true,
        TeamId = "team_001",
    };

    private static CallbackRequest Request(DateTimeOffset? scheduledAt = null) => new() { CustomerNumber = "+14155550123", TeamNumber = "+14155550100", ScheduledAt = scheduledAt };

    private LimeCallClient Client() => Client(new() { ApiToken = Token });

    private LimeCallClient Client(LimeCallClientOptions options) => new(new HttpClient(_handler), Options.Create(options), _time);
}
