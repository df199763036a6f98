namespace LimeCall.Sdk.Idempotency;

/// <summary>What trying to claim a key found.</summary>
public enum IdempotencyClaimOutcome
{
    /// <summary>The caller now holds the key (new, released, or its previous lease expired) and should do the work.</summary>
    Acquired = 0,

    /// <summary>The work for this key was already done: a duplicate.</summary>
    AlreadyCompleted = 1,

    /// <summary>Another worker holds an unexpired lease on the key: try again after <see cref="IdempotencyClaim.ExpiresAt"/>.</summary>
    InProgress = 2,
}
