using System.ComponentModel.DataAnnotations;
using LimeCall.Sdk.AspNetCore.Receiving;

namespace LimeCall.Sdk.AspNetCore;

/// <summary>How the LimeCall webhook receiver authenticates and bounds requests; bound from <c>LimeCall:Webhooks</c>.</summary>
/// <remarks>
/// At least one way to authenticate must be configured (secrets, bearer tokens, a secret path segment or an
/// IP allow-list), or <see cref="AllowUnauthenticated"/> set explicitly; otherwise start-up fails. Changes to
/// the configuration are picked up without a restart, so a secret can be rotated live.
/// </remarks>
public sealed class LimeCallWebhookOptions : IValidatableObject
{
    /// <summary>Gets the configuration section the options bind from: <c>LimeCall:Webhooks</c>.</summary>
    public static string SectionName => "LimeCall:Webhooks";

    /// <summary>Gets the shared secrets <c>X-LimeCall-Signature</c> is checked against; several while rotating.</summary>
    public IList<string> Secrets { get; } = [];

    /// <summary>Gets the accepted <c>Authorization: Bearer</c> tokens; when any is set, the header is required.</summary>
    public IList<string> BearerTokens { get; } = [];

    /// <summary>
    /// Gets or sets a secret path segment for senders that cannot sign (the call-center platform): the endpoint
    /// pattern must then end in <c>{secret}</c>, and the segment must match.
    /// </summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? PathSecret { get; set; }

    /// <summary>Gets addresses or CIDR networks (<c>203.0.113.0/24</c>) requests must come from; empty allows any.</summary>
    public IList<string> AllowedNetworks { get; } = [];

    /// <summary>Gets or sets whether to accept requests with no authentication at all. Only for local development.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool AllowUnauthenticated { get; set; }

    /// <summary>Gets or sets the largest body accepted; larger requests get 413 before they are read.</summary>
    /// <value>Default 1 MiB. Allowed 1 byte to 64 MiB.</value>
    [Range(1, 64 * 1024 * 1024, ErrorMessage = "LimeCall:Webhooks:MaxBodyBytes must be between 1 and 67108864.")]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Checks the rules that span members: some way to authenticate (or <see cref="AllowUnauthenticated"/> on purpose), no
    /// empty secret or token, and every allowed network readable.
    /// </summary>
    /// <param name="validationContext">The context (unused).</param>
    /// <returns>What is wrong, naming the setting and never its value; nothing when the options are valid.</returns>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!HasAuthentication && !AllowUnauthenticated)
        {
            yield return new ValidationResult(
                "LimeCall webhooks have no way to authenticate requests. Set LimeCall:Webhooks:Secrets (the X-LimeCall-Signature secret), " +
                "BearerTokens, PathSecret or AllowedNetworks; or set LimeCall:Webhooks:AllowUnauthenticated=true to accept anyone's requests on purpose.",
                [nameof(Secrets)]);
        }

        if (Secrets.Any(string.IsNullOrEmpty) || BearerTokens.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult("LimeCall:Webhooks:Secrets and BearerTokens must not contain empty entries.", [nameof(Secrets)]);
        }

        if (AllowedNetworks.Any(n => !RequestAuthenticator.TryParseNetwork(n, out _)))
        {
            yield return new ValidationResult("LimeCall:Webhooks:AllowedNetworks holds an entry that is not an IP address or CIDR network.", [nameof(AllowedNetworks)]);
        }
    }

    internal bool HasAuthentication
        => Secrets.Count > 0 || BearerTokens.Count > 0 || !string.IsNullOrEmpty(PathSecret) || AllowedNetworks.Count > 0;
}
