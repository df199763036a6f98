namespace LimeCall.Sdk.AspNetCore;

/// <summary>
/// Marks an endpoint (a controller action, or a minimal-API endpoint through
/// <see cref="LimeCallWebhookEndpointExtensions.RequireLimeCallSignature{TBuilder}"/>) whose requests must carry a valid
/// LimeCall signature and/or bearer token. <see cref="LimeCallWebhookEndpointExtensions.UseLimeCallSignatureVerification"/>
/// enforces it before model binding and leaves the body readable again.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RequireLimeCallSignatureAttribute : Attribute;
