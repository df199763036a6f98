using System.Net;
using System.Text;
using LimeCall.Sdk.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.AspNetCore.Tests;

/// <summary>
/// An endpoint that requires LimeCall's signature never runs an unverified request, whatever the middleware order
/// and however the requirement was attached; a verified one reaches model binding with the body as sent.
/// </summary>
public sealed class SignatureEnforcementTests
{
    private const string Secret = "whsec_enforcement_tests";
    private const string Report = """{"event":"call.completed","call_id":"c42","duration":184}""";

    public enum MiddlewareOrder
    {
        Missing,
        BeforeRouting,
        AfterRouting,
    }

    public static TheoryData<MiddlewareOrder, string> Cases()
    {
        var data = new TheoryData<MiddlewareOrder, string>();
        foreach (var order in Enum.GetValues<MiddlewareOrder>())
        {
            foreach (var path in (string[])["/minimal", "/group/report", "/attribute", "/own/report"])
            {
                data.Add(order, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task UnsignedPost_IsRefusedAndNeverRunsTheEndpoint(MiddlewareOrder order, string path)
    {
        var ran = new EndpointRuns();
        await using var app = await StartAsync(order, ran);

        using var unsigned = await app.GetTestClient().SendAsync(Post(path, Report, signature: null));
        using var forged = await app.GetTestClient().SendAsync(Post(path, Report, signature: new string('0', 64)));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (unsigned.StatusCode, forged.StatusCode));
        Assert.Equal(0, ran.Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SignedPost_ReachesModelBindingWithTheBodyAsSent(MiddlewareOrder order, string path)
    {
        var ran = new EndpointRuns();
        await using var app = await StartAsync(order, ran);

        using var response = await app.GetTestClient().SendAsync(Post(path, Report, Sign(Report)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("c42:184", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, ran.Count);
    }

    [Theory]
    [InlineData("/minimal")]
    [InlineData("/own/report")]
    public async Task VerificationMiddleware_AfterRouting_KeepsUnsignedRequestsFromTheMiddlewaresAfterIt(string path)
    {
        // What the middleware is for: authorization, rate limiting or the app's own middleware never see an
        // unsigned request to a protected endpoint (the endpoint's own check alone would only protect the endpoint).
        var ran = new EndpointRuns();
        var reachedLaterMiddleware = 0;
        await using var app = await StartAsync(MiddlewareOrder.AfterRouting, ran, afterVerification: a => a.Use(async (context, next) =>
        {
            Interlocked.Increment(ref reachedLaterMiddleware);
            await next(context);
        }));

        using var unsigned = await app.GetTestClient().SendAsync(Post(path, Report, signature: null));
        Assert.Equal((HttpStatusCode.Unauthorized, 0), (unsigned.StatusCode, reachedLaterMiddleware));

        using var signed = await app.GetTestClient().SendAsync(Post(path, Report, Sign(Report)));
        Assert.Equal((HttpStatusCode.OK, 1, 1), (signed.StatusCode, reachedLaterMiddleware, ran.Count));
    }

    [Theory]
    [InlineData(MiddlewareOrder.Missing)]
    [InlineData(MiddlewareOrder.AfterRouting)]
    public async Task AnEndpointThatDoesNotRequireTheSignature_IsLeftAlone(MiddlewareOrder order)
    {
        var ran = new EndpointRuns();
        await using var app = await StartAsync(order, ran);

        using var open = await app.GetTestClient().SendAsync(Post("/open", Report, signature: null));
        using var read = await app.GetTestClient().GetAsync(new Uri("/minimal", UriKind.Relative));
        using var guarded = await app.GetTestClient().SendAsync(Post("/minimal", Report, signature: null));
        using var openBeside = await app.GetTestClient().SendAsync(Post("/reports/weekly", Report, signature: null));
        using var guardedBeside = await app.GetTestClient().SendAsync(Post("/reports/42", Report, signature: null));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized), (open.StatusCode, read.StatusCode, guarded.StatusCode));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (openBeside.StatusCode, guardedBeside.StatusCode));
        Assert.Equal(("open:c42", "latest report", "open:weekly"), (await open.Content.ReadAsStringAsync(), await read.Content.ReadAsStringAsync(), await openBeside.Content.ReadAsStringAsync()));
        Assert.Equal(0, ran.Count);
    }

    [Fact]
    public async Task SignedPost_TheOriginalBodyStreamIsRestoredAfterTheEndpoint()
    {
        var ran = new EndpointRuns();
        var restored = new List<bool>();
        await using var app = await StartAsync(MiddlewareOrder.AfterRouting, ran, outer: a => a.Use(async (context, next) =>
        {
            var original = context.Request.Body;
            await next(context);
            restored.Add(ReferenceEquals(original, context.Request.Body));
        }));

        using var response = await app.GetTestClient().SendAsync(Post("/minimal", Report, Sign(Report)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([true], restored);
    }

    [Fact]
    public async Task ControllerAttribute_WithoutAddLimeCallWebhooks_FailsClosedInsteadOfRunningTheAction()
    {
        var ran = new EndpointRuns();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(ran);
        builder.Services.AddControllers().AddApplicationPart(typeof(OwnReportController).Assembly);
        var logs = new LimeCall.Sdk.TestKit.CapturingLoggerProvider();
        builder.Logging.AddProvider(logs);
        await using var app = builder.Build();
        app.MapControllers();
        await app.StartAsync();

        var outcome = await Record.ExceptionAsync(async () =>
        {
            using var response = await app.GetTestClient().SendAsync(Post("/own/report", Report, signature: null));
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        });

        Assert.True(outcome is null or InvalidOperationException, outcome?.ToString());
        Assert.Equal(0, ran.Count);
        // Whether the test host rethrows it or logs it, the error tells the developer what to fix.
        var error = outcome?.Message ?? logs.Lines.First(l => l.Contains(nameof(InvalidOperationException), StringComparison.Ordinal));
        Assert.Contains("requires a LimeCall signature, but the request was not verified. Call services.AddLimeCallWebhooks() (it registers", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireLimeCallSignature_WithoutAddLimeCallWebhooks_RefusesToBuildTheEndpoint()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        using var app = builder.Build();
        app.MapPost("/minimal", () => "ran").RequireLimeCallSignature();

        var ex = Assert.Throws<InvalidOperationException>(() => ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).ToList());

        Assert.Contains("AddLimeCallWebhooks", ex.Message, StringComparison.Ordinal);
    }

    internal static string Sign(string body) => LimeCallSigner.ComputeSignature(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body));

    internal static HttpRequestMessage Post(string path, string body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add(LimeCallWebhookHeaders.Signature, signature);
        }

        return request;
    }

    private static async Task<WebApplication> StartAsync(MiddlewareOrder order, EndpointRuns ran, Action<WebApplication>? outer = null, Action<WebApplication>? afterVerification = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(ran);
        builder.Services.AddLimeCallWebhooks(o => o.Secrets.Add(Secret));
        builder.Services.AddControllers().AddApplicationPart(typeof(OwnReportController).Assembly);
        var app = builder.Build();
        outer?.Invoke(app);
        if (order == MiddlewareOrder.BeforeRouting)
        {
            app.UseLimeCallSignatureVerification();
        }

        app.UseRouting();
        if (order == MiddlewareOrder.AfterRouting)
        {
            app.UseLimeCallSignatureVerification();
        }

        afterVerification?.Invoke(app);

        app.MapPost("/minimal", (OwnReport report, EndpointRuns runs) => runs.Ran(report)).RequireLimeCallSignature();
        app.MapGroup("/group").RequireLimeCallSignature().MapPost("/report", (OwnReport report, EndpointRuns runs) => runs.Ran(report));
        app.MapPost("/attribute", [RequireLimeCallSignature] (OwnReport report, EndpointRuns runs) => runs.Ran(report));
        // The app's other endpoints stay as they are, one of them on a protected route (routing sees both there).
        app.MapPost("/open", (OwnReport report) => $"open:{report.CallId}");
        app.MapGet("/minimal", () => "latest report");
        app.MapPost("/reports/{id:int}", (int id, OwnReport report, EndpointRuns runs) => runs.Ran(report)).RequireLimeCallSignature();
        app.MapPost("/reports/{slug}", (string slug) => $"open:{slug}");
        app.MapControllers();
        await app.StartAsync();
        return app;
    }
}

/// <summary>Counts how often a protected endpoint actually ran.</summary>
public sealed class EndpointRuns
{
    private int _count;

    public int Count => _count;

    public string Ran(OwnReport report)
    {
        Interlocked.Increment(ref _count);
        return $"{report.CallId}:{report.Duration}";
    }
}

/// <summary>A user's own model of LimeCall's report, bound by MVC or minimal APIs.</summary>
public sealed class OwnReport
{
    [System.Text.Json.Serialization.JsonPropertyName("call_id")]
    public string? CallId { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("duration")]
    public int Duration { get; set; }
}

/// <summary>A user's own controller endpoint, protected by the attribute alone.</summary>
[ApiController]
[Route("own")]
public sealed class OwnReportController(EndpointRuns runs) : ControllerBase
{
    [HttpPost("report")]
    [RequireLimeCallSignature]
    public string Post(OwnReport report) => runs.Ran(report);
}
