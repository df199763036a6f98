using System.Runtime.InteropServices;

namespace LimeCall.Sdk.Idempotency;

/// <summary>The result of <see cref="IIdempotencyStore.TryClaimAsync"/>.</summary>
/// <param name="Outcome">What the claim found.</param>
/// <param name="Token">
/// When <see cref="IdempotencyClaimOutcome.Acquired"/>, the token that proves this caller holds the claim:
/// pass it to complete or release, so a worker whose lease ran out cannot finish another's claim.
/// </param>
/// <param name="ExpiresAt">When the lease (acquired or in progress) or the completed record (already completed) expires.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct IdempotencyClaim(IdempotencyClaimOutcome Outcome, Guid Token, DateTimeOffset ExpiresAt);
