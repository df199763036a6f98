using System.Runtime.InteropServices;

namespace LimeCall.Sdk.Webhooks;

/// <summary>
/// The result of verifying a webhook request: the outcome and, when it passed, which configured
/// secret or token matched (useful to see when a rotated-out secret is no longer in use).
/// </summary>
/// <remarks>Carries no secret, token or signature, so it is safe to log.</remarks>
[StructLayout(LayoutKind.Auto)]
public readonly record struct WebhookVerificationResult
{
    internal WebhookVerificationResult(WebhookVerificationOutcome outcome, int matchedKeyIndex = -1)
    {
        Outcome = outcome;
        MatchedKeyIndex = matchedKeyIndex;
    }

    /// <summary>Gets what the verification found.</summary>
    public WebhookVerificationOutcome Outcome { get; }

    /// <summary>
    /// Gets the zero-based position, in the configured list, of the secret or token that matched;
    /// <c>-1</c> unless <see cref="Outcome"/> is <see cref="WebhookVerificationOutcome.Valid"/>.
    /// </summary>
    public int MatchedKeyIndex { get; }

    /// <summary>Gets a value indicating whether the request is authentic.</summary>
    public bool IsValid => Outcome == WebhookVerificationOutcome.Valid;

    internal static WebhookVerificationResult Matched(int index) => new(WebhookVerificationOutcome.Valid, index);
}
