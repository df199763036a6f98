namespace LimeCall.Sdk.Idempotency;

/// <summary>What trying to claim a key found.</summary>
/// <remarks>The zero value is <see cref="None"/>, so <c>default(IdempotencyClaim)</c> never reads as a held claim.</remarks>
public enum IdempotencyClaimOutcome
{
    /// <summary>No claim was made: the value of a claim no store returned (<c>default</c>). The caller holds nothing.</summary>
    None = 0,

    /// <summary>The caller now holds the key (new, released, or its previous lease expired) and should do the work.</summary>
    Acquired = 1,

    /// <summary>The work for this key was already done: a duplicate.</summary>
    AlreadyCompleted = 2,

    /// <summary>Another worker holds an unexpired lease on the key: try again after <see cref="IdempotencyClaim.ExpiresAt"/>.</summary>
    InProgress = 3,
}
