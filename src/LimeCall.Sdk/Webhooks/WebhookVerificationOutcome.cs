namespace LimeCall.Sdk.Webhooks;

/// <summary>
/// What checking a webhook's signature or bearer token found. Only <see cref="Valid"/> is a pass.
/// </summary>
/// <remarks>The zero value is <see cref="NotVerified"/>, so <c>default(WebhookVerificationResult)</c> is never a pass.</remarks>
public enum WebhookVerificationOutcome
{
    /// <summary>Nothing was verified: the value of a result that no verifier produced (<c>default</c>). Not a pass.</summary>
    NotVerified = 0,

    /// <summary>A presented signature or token matched a configured secret or token.</summary>
    Valid = 1,

    /// <summary>The request carried no signature or token (absent, empty or white space).</summary>
    Missing = 2,

    /// <summary>The header was present but nothing in it could be decoded (wrong length, bad characters, too long, too many candidates, wrong scheme).</summary>
    Malformed = 3,

    /// <summary>At least one well-formed signature or token was presented and none matched.</summary>
    Mismatch = 4,

    /// <summary>The verifier has no secret or token to check against, so nothing can pass.</summary>
    NotConfigured = 5,
}
