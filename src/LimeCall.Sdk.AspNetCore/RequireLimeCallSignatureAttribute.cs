using LimeCall.Sdk.AspNetCore.Receiving;
using Microsoft.AspNetCore.Mvc.Filters;

namespace LimeCall.Sdk.AspNetCore;

/// <summary>
/// Marks an endpoint (a controller or action, or a minimal-API endpoint through
/// <see cref="LimeCallWebhookEndpointExtensions.RequireLimeCallSignature{TBuilder}"/>) whose requests must carry a valid
/// LimeCall signature and/or bearer token.
/// </summary>
/// <remarks>
/// Enforced by the endpoint itself once <c>services.AddLimeCallWebhooks()</c> is registered: routing hands the
/// endpoint a delegate that verifies the exact bytes before model binding reads them, whatever the middleware order.
/// On a controller the attribute is also a resource filter that refuses to run the action if, for any reason,
/// the request was not verified (for example <c>AddLimeCallWebhooks</c> was never called): fail closed.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequireLimeCallSignatureAttribute : Attribute, IResourceFilter
{
    /// <inheritdoc />
    void IResourceFilter.OnResourceExecuting(ResourceExecutingContext context)
    {
        if (context.HttpContext.Features.Get<SignatureVerifiedFeature>() is null)
        {
            throw new InvalidOperationException(
                "This action requires a LimeCall signature, but the request was not verified. Call services.AddLimeCallWebhooks() " +
                "(it registers the check that runs with every endpoint marked [RequireLimeCallSignature]).");
        }
    }

    /// <inheritdoc />
    void IResourceFilter.OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
