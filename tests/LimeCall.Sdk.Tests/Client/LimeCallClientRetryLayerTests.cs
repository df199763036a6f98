using System.Net;
using LimeCall.Sdk.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LimeCall.Sdk.Tests.Client;

/// <summary>
/// The client's promise, never to retry what may have reached LimeCall, holds whatever retry layer the host adds
/// to every HttpClient (.NET Aspire's service defaults add the standard resilience handler to all of them).
/// </summary>
public sealed class LimeCallClientRetryLayerTests
{
    private const string Token = "tok_RETRY_LAYER";

    [Fact]
    public async Task CreateCallbackAsync_WithTheStandardResilienceHandlerOnEveryClient_PostsOnceForA500()
    {
        var transport = Answering(500);
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler(o => o.Retry.Delay = TimeSpan.FromMilliseconds(1)));
        services.AddLimeCallClient(o => o.ApiToken = Token).ConfigurePrimaryHttpMessageHandler(() => transport);
        await using var provider = services.BuildServiceProvider();

        var ex = await Assert.ThrowsAsync<LimeCallOutcomeUnknownException>(() => provider.GetRequiredService<LimeCallClient>().CreateCallbackAsync(Request()));

        Assert.Equal(500, ex.StatusCode);
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task CreateCallbackAsync_WithTheStandardResilienceHandlerRegisteredAfterTheClient_StillPostsOnce()
    {
        var transport = Answering(503);
        var services = new ServiceCollection();
        services.AddLimeCallClient(o => { o.ApiToken = Token; o.MaxRetries = 0; }).ConfigurePrimaryHttpMessageHandler(() => transport);
        services.ConfigureHttpClientDefaults(b => b.AddStandardResilienceHandler(o => o.Retry.Delay = TimeSpan.FromMilliseconds(1)));
        await using var provider = services.BuildServiceProvider();

        await Assert.ThrowsAnyAsync<LimeCallApiException>(() => provider.GetRequiredService<LimeCallClient>().CreateCallbackAsync(Request()));

        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task CreateCallbackAsync_WithAnUnknownRetryingHandlerOnEveryClient_RefusesTheResendAndSaysWhy()
    {
        var transport = Answering(500);
        var services = new ServiceCollection();
        services.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(() => new NaiveRetryHandler()));
        services.AddLimeCallClient(o => o.ApiToken = Token).ConfigurePrimaryHttpMessageHandler(() => transport);
        await using var provider = services.BuildServiceProvider();

        var ex = await Assert.ThrowsAsync<LimeCallOutcomeUnknownException>(() => provider.GetRequiredService<LimeCallClient>().CreateCallbackAsync(Request()));

        Assert.Single(transport.Requests);
        Assert.Contains("tried to send the request a second time", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.IdempotencyKey);
    }

    /// <summary>A transport that answers every request (up to five) with <paramref name="status"/>, recording each.</summary>
    private static ScriptedHandler Answering(int status)
    {
        var transport = new ScriptedHandler();
        for (var i = 0; i < 5; i++)
        {
            transport.Then(ScriptedHandler.Json(status, "{\"message\":\"boom\"}"));
        }

        return transport;
    }

    private static CallbackRequest Request() => new() { CustomerNumber = "+14155550123", TeamNumber = "+14155550100" };

    /// <summary>What a hand-written retry handler often looks like: resend the same message on any 5xx.</summary>
    private sealed class NaiveRetryHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            for (var attempt = 0; attempt < 3 && response.StatusCode >= HttpStatusCode.InternalServerError; attempt++)
            {
                response.Dispose();
                response = await base.SendAsync(request, cancellationToken);
            }

            return response;
        }
    }
}
