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
    /// Maps the LimeCall webhook receiver. Answers: 200 processed or duplicate, 400 malformed payload, 401
    /// authentication failed, 405 not POST, 413 too large, 415 not JSON, 500 handler failed (retry), 503 in
    /// progress elsewhere (retry, with <c>Retry-After</c>). Unknown event types are acknowledged.
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

    /// <summary>Requires a valid LimeCall signature and/or bearer token (per <see cref="LimeCallWebhookOptions"/>) on these endpoints.</summary>
    /// <typeparam name="TBuilder">The endpoint builder type.</typeparam>
    /// <param name="builder">The endpoint builder.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireLimeCallSignature<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint => endpoint.Metadata.Add(new RequireLimeCallSignatureAttribute()));
        return builder;
    }

    /// <summary>
    /// Enforces LimeCall's signature on endpoints marked with <see cref="RequireLimeCallSignatureAttribute"/> (or
    /// <see cref="RequireLimeCallSignature{TBuilder}"/>): answers 401, 413 or 415 itself, and otherwise rewinds the
    /// body so model binding reads it as sent. Place it after <c>UseRouting</c>.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The application builder.</returns>
    /// <remarks>
    /// A middleware rather than an endpoint filter: endpoint and action filters run after model binding, when the
    /// body has already been consumed, so they cannot check the bytes exactly as sent.
    /// </remarks>
    public static IApplicationBuilder UseLimeCallSignatureVerification(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var receiver = app.ApplicationServices.GetService<LimeCallWebhookReceiver>()
            ?? throw new InvalidOperationException("Call services.AddLimeCallWebhooks() before UseLimeCallSignatureVerification().");
        return app.Use(next => context => context.GetEndpoint()?.Metadata.GetMetadata<RequireLimeCallSignatureAttribute>() is null
            ? next(context)
            : SignatureGate.InvokeAsync(context, receiver.Authenticator, next));
    }
}
