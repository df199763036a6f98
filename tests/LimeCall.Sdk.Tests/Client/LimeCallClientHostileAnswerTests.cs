using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using LimeCall.Sdk.Client;
using LimeCall.Sdk.TestKit;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LimeCall.Sdk.Tests.Client;

/// <summary>Whatever LimeCall (or a proxy in front of it) answers, only the SDK's own exceptions reach the caller.</summary>
public sealed class LimeCallClientHostileAnswerTests
{
    private const string Token = "tok_HOSTILE_ANSWERS";

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{\"id\":{\"nested\":true}}")]
    [InlineData("{\"id\":\"\"}")]
    public async Task CreateCallbackAsync_SuccessWithAnUnreadableBody_IsOutcomeUnknownWithTheKeyStatusAndRequestId(string body)
    {
        var handler = new ScriptedHandler();
        handler.Then(ScriptedHandler.Json(201, body, r => r.Headers.Add("X-Request-Id", "req_42")));

        var ex = await Assert.ThrowsAsync<LimeCallOutcomeUnknownException>(() => Client(handler).CreateCallbackAsync(Request()));

        Assert.Equal(201, ex.StatusCode);
        Assert.Equal("req_42", ex.RequestId);
        Assert.Equal(handler.Requests.Single().Request.Headers.GetValues("Idempotency-Key").Single(), ex.IdempotencyKey);
    }

    [Fact]
    public async Task CreateCallbackAsync_HttpClientTimeoutSetByTheApp_IsOutcomeUnknownNotABareCancellation()
    {
        var handler = new ScriptedHandler();

        // What HttpClient throws when its own Timeout elapses: a cancellation the caller did not ask for.
        handler.ThenThrow(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException()));

        var ex = await Assert.ThrowsAsync<LimeCallOutcomeUnknownException>(() => Client(handler).CreateCallbackAsync(Request()));

        Assert.IsType<TaskCanceledException>(ex.InnerException);
        Assert.NotNull(ex.IdempotencyKey);
    }

    [Fact]
    public async Task CreateCallbackAsync_AnIdSentAsANumber_IsReadTolerantly()
    {
        var handler = new ScriptedHandler();
        handler.Then(ScriptedHandler.Json(201, "{\"id\":12345,\"status\":\"queued\"}"));

        var result = await Client(handler).CreateCallbackAsync(Request());

        Assert.Equal("12345", result.Id);
    }

    [Theory]
    [InlineData(400, "[1,2]", typeof(LimeCallValidationException))]
    [InlineData(401, "{\"message\":7,\"details\":[]}", typeof(LimeCallAuthenticationException))]
    [InlineData(500, "\"just a string\"", typeof(LimeCallOutcomeUnknownException))]
    [InlineData(404, "{\"message\":{\"a\":1}}", typeof(LimeCallApiException))]
    public async Task CreateCallbackAsync_ErrorWithAnOddBody_IsTheTypedExceptionForItsStatus(int status, string body, Type expected)
    {
        var handler = new ScriptedHandler();
        handler.Then(ScriptedHandler.Json(status, body));

        var ex = await Assert.ThrowsAnyAsync<LimeCallApiException>(() => Client(handler).CreateCallbackAsync(Request()));

        Assert.IsType(expected, ex);
        Assert.Equal(status, ex.StatusCode);
        Assert.NotNull(ex.IdempotencyKey);
    }

    [Fact]
    public void CreateCallbackAndCaptureLead_AnyStatusAndAnyBody_OnlyLimeCallExceptionsEscape()
    {
        var bodies = Gen.OneOf(
            Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(),
            Gen.Elements("{}", "[]", "null", "true", "1", "\"x\"", "{\"id\":null}", "{\"id\":[]}", "{\"id\":\"cb_1\",\"due_at\":{}}", "{\"status\":7,\"message\":[],\"auto_callback\":{}}", "{\"message\":\"m\",\"details\":\"d\"}", "{\"id\":\"cb_1\"", "<html/>")
                .Select(Encoding.UTF8.GetBytes));
        var cases = from status in Gen.Choose(100, 599)
                    from body in bodies
                    from lead in ArbMap.Default.GeneratorFor<bool>()
                    select (status, body, lead);

        var property = Prop.ForAll(cases.ToArbitrary(), input =>
        {
            var (status, body, lead) = input;
            var handler = new ScriptedHandler();
            for (var i = 0; i < 4; i++)
            {
                handler.Then((_, _) => Task.FromResult(new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(body) }));
            }

            var client = Client(handler);
            try
            {
                if (lead)
                {
                    client.CaptureLeadAsync(new Uri("https://app.limecall.com/api/v1/inbound/hook"), LimeCallClientTests.Lead()).GetAwaiter().GetResult();
                }
                else
                {
                    client.CreateCallbackAsync(Request()).GetAwaiter().GetResult();
                }

                return status is >= 200 and < 300;
            }
            catch (LimeCallApiException ex)
            {
                return ex.IdempotencyKey is not null && (ex.StatusCode == status || ex.StatusCode is null);
            }
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    private static CallbackRequest Request() => new() { CustomerNumber = "+14155550123", TeamNumber = "+14155550100" };

    // MaxRetries 0: a 429 or 503 is answered at once, so the property runs without a clock to step.
    private static LimeCallClient Client(ScriptedHandler handler)
        => new(new HttpClient(handler), Options.Create(new LimeCallClientOptions { ApiToken = Token, MaxRetries = 0 }), new FakeTimeProvider(TestClock.Start));
}
