using System.Runtime.InteropServices;

namespace LimeCall.Sdk.Idempotency;

/// <summary>The result of <see cref="IIdempotencyStore.ClaimAsync"/>; stores create it with the factories.</summary>
/// <remarks>
/// The zero value (<c>default</c>) has <see cref="IdempotencyClaimOutcome.None"/>: it never reads as a held claim. Only
/// <see cref="Acquired"/> makes one, and only with a token.
/// </remarks>
[StructLayout(LayoutKind.Auto)]
public readonly record struct IdempotencyClaim
{
    private IdempotencyClaim(IdempotencyClaimOutcome outcome, IdempotencyClaimToken token, DateTimeOffset expiresAt)
    {
        Outcome = outcome;
        Token = token;
        ExpiresAt = expiresAt;
    }

    /// <summary>Gets what the claim found.</summary>
    public IdempotencyClaimOutcome Outcome { get; }

    /// <summary>
    /// Gets, when <see cref="IdempotencyClaimOutcome.Acquired"/>, the token that proves this caller holds the claim: pass
    /// it to renew, complete or release, so a worker whose lease ran out cannot finish another's claim.
    /// </summary>
    public IdempotencyClaimToken Token { get; }

    /// <summary>Gets when the lease (acquired or in progress) or the completed record (already completed) expires.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The caller now holds the key until <paramref name="expiresAt"/>, proven by <paramref name="token"/>.</summary>
    /// <param name="token">The claim's token; not empty.</param>
    /// <param name="expiresAt">When the lease ends.</param>
    /// <returns>The claim.</returns>
    /// <exception cref="ArgumentException"><paramref name="token"/> is empty.</exception>
    public static IdempotencyClaim Acquired(IdempotencyClaimToken token, DateTimeOffset expiresAt)
    {
        if (token.IsEmpty)
        {
            throw new ArgumentException("An acquired claim needs a token.", nameof(token));
        }

        return new(IdempotencyClaimOutcome.Acquired, token, expiresAt);
    }

    /// <summary>The work for the key was already done; the record is kept until <paramref name="expiresAt"/>.</summary>
    /// <param name="expiresAt">When the completed record expires.</param>
    /// <returns>The claim.</returns>
    public static IdempotencyClaim AlreadyCompleted(DateTimeOffset expiresAt) => new(IdempotencyClaimOutcome.AlreadyCompleted, default, expiresAt);

    /// <summary>Another worker holds the key until <paramref name="expiresAt"/> (unless it renews).</summary>
    /// <param name="expiresAt">When the other worker's lease ends.</param>
    /// <returns>The claim.</returns>
    public static IdempotencyClaim InProgress(DateTimeOffset expiresAt) => new(IdempotencyClaimOutcome.InProgress, default, expiresAt);
}
