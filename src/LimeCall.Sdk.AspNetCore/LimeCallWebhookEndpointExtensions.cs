using System.Diagnostics.CodeAnalysis;
using LimeCall.Sdk.AspNetCore.Receiving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LimeCall.Sdk.AspNetCore;

/// <summary>Maps the LimeCall webhook endpoint and protects your own endpoints with LimeCall's signature.</summary>
public static class LimeCallWebhookEndpointExtensions
{
    /// <summary>
    /// Maps the LimeCall webhook receiver. Answers: 200 processed or duplicate, 202 stored in the durable inbox (with
    /// <c>UseInbox()</c>; handlers run later), 400 malformed payload, 401 authentication failed, 405 not POST, 413 too large,
    /// 415 not JSON, 500 a handler failed (retry), 503 in progress elsewhere, idempotency store full or unreachable, or inbox
    /// unreachable (retry, with <c>Retry-After</c>). Unknown event types are acknowledged. The SDK itself never answers 500:
    /// that code always means a handler threw.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route; end it in <c>{secret}</c> when <see cref="LimeCallWebhookOptions.PathSecret"/> is used.</param>
    /// <returns>A builder for further conventions (authorization policies, rate limiting, ...).</returns>
    /// <exception cref="InvalidOperationException"><c>AddLimeCallWebhooks</c> was not called.</exception>
    public static IEndpointConventionBuilder MapLimeCallWebhooks(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/webhooks/limecall")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var receiver = endpoints.ServiceProvider.GetService<LimeCallWebhookReceiver>()
            ?? throw new InvalidOperationException("Call services.AddLimeCallWebhooks() before MapLimeCallWebhooks().");
        return endpoints.Map(pattern, receiver.HandleAsync).WithDisplayName("LimeCall webhooks");
    }

    /// <summary>
    /// Requires a valid LimeCall signature and/or bearer token (per <see cref="LimeCallWebhookOptions"/>) on these
    /// endpoints (an endpoint, a route group, or <c>MapControllers()</c>). The check runs with the endpoint itself,
    /// before model binding, whatever the middleware order; an unverified request never reaches the endpoint.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint builder type.</typeparam>
    /// <param name="builder">The endpoint builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">When the endpoints are built: <c>AddLimeCallWebhooks</c> was not called.</exception>
    public static TBuilder RequireLimeCallSignature<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint =>
        {
            // Without the services, nothing would enforce the metadata: refuse to build the endpoint at all.
            if (endpoint.ApplicationServices.GetService<SignatureMatcherPolicy>() is null)
            {
                throw new InvalidOperationException($"Endpoint '{endpoint.DisplayName}' requires a LimeCall signature: call services.AddLimeCallWebhooks() so the check is registered.");
            }

            endpoint.Metadata.Add(new RequireLimeCallSignatureAttribute());
        });
        return builder;
    }

    /// <summary>
    /// Optional: verifies LimeCall's signature on endpoints marked with <see cref="RequireLimeCallSignatureAttribute"/>
    /// here, early in the pipeline, so that the middlewares after it (authorization, rate limiting, your own) never
    /// see an unsigned request. Placed after <c>UseRouting</c>; placed before it (where no endpoint is known yet)
    /// or left out, the endpoint still verifies every request itself.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The application builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddLimeCallWebhooks</c> was not called.</exception>
    public static IApplicationBuilder UseLimeCallSignatureVerification(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var gate = app.ApplicationServices.GetService<WebhookGate>()
            ?? throw new InvalidOperationException("Call services.AddLimeCallWebhooks() before UseLimeCallSignatureVerification().");
        return app.Use(next => context => context.GetEndpoint()?.Metadata.GetMetadata<RequireLimeCallSignatureAttribute>() is null
            ? next(context)
            : SignatureCheck.InvokeAsync(context, gate, next));
    }
}
