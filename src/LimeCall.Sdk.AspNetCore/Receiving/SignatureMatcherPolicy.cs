using System.Runtime.CompilerServices;
using LimeCall.Sdk.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>
/// Makes the signature requirement part of the endpoint itself: when routing selects an endpoint that carries
/// <see cref="RequireLimeCallSignatureAttribute"/>, it gets a copy whose request delegate verifies first. The check
/// therefore runs whenever the endpoint runs (whatever middleware was added, forgotten or misplaced) and still
/// before model binding, which happens inside the endpoint's own delegate.
/// </summary>
/// <remarks>
/// ASP.NET Core enforces authorization metadata the same way in spirit: its endpoint middleware refuses an
/// endpoint whose authorization metadata no middleware handled. A matcher policy runs inside routing, so there is
/// no order for a user to get wrong. Wrapped endpoints are built once per endpoint and cached.
/// </remarks>
internal sealed class SignatureMatcherPolicy(WebhookGate gate, ILogger<SignatureMatcherPolicy> logger) : MatcherPolicy, IEndpointSelectorPolicy
{
    private readonly ConditionalWeakTable<Endpoint, Endpoint> _guarded = [];

    // After the policies that choose among candidates (HTTP method, dynamic endpoints): guard what was chosen.
    public override int Order => 10_000;

    public static bool Requires(Endpoint endpoint)
        => endpoint.Metadata.GetMetadata<RequireLimeCallSignatureAttribute>() is not null
            && endpoint.Metadata.GetMetadata<GuardedMarker>() is null;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints.Any(Requires);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i) && Requires(candidates[i].Endpoint))
            {
                candidates.ReplaceEndpoint(i, _guarded.GetValue(candidates[i].Endpoint, Guard), candidates[i].Values);
            }
        }

        return Task.CompletedTask;
    }

    private Endpoint Guard(Endpoint endpoint)
    {
        var metadata = new EndpointMetadataCollection([.. endpoint.Metadata, GuardedMarker.Instance]);
        RequestDelegate guarded = endpoint.RequestDelegate is { } inner
            ? context => SignatureCheck.InvokeAsync(context, gate, inner)
            : Refuse;
        return endpoint is RouteEndpoint route
            ? new RouteEndpoint(guarded, route.RoutePattern, route.Order, metadata, route.DisplayName)
            : new Endpoint(guarded, metadata, endpoint.DisplayName);

        Task Refuse(HttpContext context)
        {
            // Nothing to wrap: an endpoint without a delegate cannot be verified, so it is not run.
            ReceiverLog.SignatureNotEnforced(logger, endpoint.DisplayName);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        }
    }

    /// <summary>Marks an endpoint as already guarded, so it is never wrapped twice.</summary>
    private sealed class GuardedMarker
    {
        public static readonly GuardedMarker Instance = new();
    }
}
