namespace LimeCall.Sdk.Webhooks;

/// <summary>
/// What checking a webhook's signature or bearer token found. Only <see cref="Valid"/> is a pass.
/// </summary>
public enum WebhookVerificationOutcome
{
    /// <summary>A presented signature or token matched a configured secret or token.</summary>
    Valid = 0,

    /// <summary>The request carried no signature or token (absent, empty or white space).</summary>
    Missing = 1,

    /// <summary>The header was present but nothing in it could be decoded (wrong length, bad characters, too long, too many candidates, wrong scheme).</summary>
    Malformed = 2,

    /// <summary>At least one well-formed signature or token was presented and none matched.</summary>
    Mismatch = 3,

    /// <summary>The verifier has no secret or token to check against, so nothing can pass.</summary>
    NotConfigured = 4,
}
