using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>Refuses to start a receiver that could not tell LimeCall's requests from anyone's.</summary>
internal sealed class LimeCallWebhookOptionsValidator : IValidateOptions<LimeCallWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, LimeCallWebhookOptions options)
    {
        var failures = new List<string>();
        if (!options.HasAuthentication && !options.AllowUnauthenticated)
        {
            failures.Add(
                "LimeCall webhooks have no way to authenticate requests. Set LimeCall:Webhooks:Secrets (the X-LimeCall-Signature secret), " +
                "BearerTokens, PathSecret or AllowedNetworks; or set LimeCall:Webhooks:AllowUnauthenticated=true to accept anyone's requests on purpose.");
        }

        if (options.Secrets.Any(string.IsNullOrEmpty) || options.BearerTokens.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("LimeCall:Webhooks:Secrets and BearerTokens must not contain empty entries.");
        }

        if (options.AllowedNetworks.Any(n => !RequestAuthenticator.TryParseNetwork(n, out _)))
        {
            failures.Add("LimeCall:Webhooks:AllowedNetworks holds an entry that is not an IP address or CIDR network.");
        }

        if (options.MaxBodyBytes is < 1 or > 64 * 1024 * 1024)
        {
            failures.Add("LimeCall:Webhooks:MaxBodyBytes must be between 1 and 67108864.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
