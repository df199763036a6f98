namespace LimeCall.Sdk.Idempotency;

/// <summary>
/// Records which keys' work is in progress or done, with three atomic transitions: claim (with a lease),
/// complete (kept for a retention window) and release (the work failed; the key can be claimed again).
/// </summary>
/// <remarks>
/// A plain "seen" set is not enough: an event whose handler failed must be processed again when the
/// sender retries. Implementations must make each transition atomic for all callers that share the
/// store, take all time from a <see cref="TimeProvider"/>, never lose a claim that is in progress, and refuse
/// <c>default(IdempotencyKey)</c> (see <see cref="IdempotencyKey.ThrowIfDefault"/>).
/// </remarks>
public interface IIdempotencyStore
{
    /// <summary>Claims a key for <paramref name="lease"/>, unless it is completed or held by an unexpired lease.</summary>
    /// <param name="key">The key.</param>
    /// <param name="lease">How long the claim lasts if the worker never completes or releases it (a crash).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The outcome, and the token when acquired.</returns>
    /// <exception cref="IdempotencyCapacityExceededException">A bounded store is full of claims in progress.</exception>
    ValueTask<IdempotencyClaim> ClaimAsync(IdempotencyKey key, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Extends the lease of a claim this caller still holds, so a long piece of work keeps its key while a crashed
    /// worker's key frees soon after its last renewal. <see cref="IdempotentProcessor"/> renews on a timer.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="token">The token from the claim.</param>
    /// <param name="lease">The new lease, counted from now.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when this caller no longer holds the claim (another worker took over an expired lease).</returns>
    ValueTask<bool> RenewAsync(IdempotencyKey key, IdempotencyClaimToken token, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Marks the claimed key done and keeps it for <paramref name="retention"/>, so duplicates are recognised.</summary>
    /// <param name="key">The key.</param>
    /// <param name="token">The token from the claim.</param>
    /// <param name="retention">How long the completed key is kept.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when this caller no longer holds the claim (another worker took over an expired lease).</returns>
    ValueTask<bool> CompleteAsync(IdempotencyKey key, IdempotencyClaimToken token, TimeSpan retention, CancellationToken cancellationToken = default);

    /// <summary>Gives a claim up because the work failed, so the key can be claimed again at once.</summary>
    /// <param name="key">The key.</param>
    /// <param name="token">The token from the claim.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when this caller no longer holds the claim.</returns>
    ValueTask<bool> ReleaseAsync(IdempotencyKey key, IdempotencyClaimToken token, CancellationToken cancellationToken = default);
}
