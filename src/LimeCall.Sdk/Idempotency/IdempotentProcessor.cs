using System.Runtime.CompilerServices;

namespace LimeCall.Sdk.Idempotency;

/// <summary>
/// Runs a piece of work at most once per key to completion: claims the key, runs the work, and then
/// completes the claim, or releases it when the work throws so that the sender's retry runs it again.
/// </summary>
/// <remarks>Thread-safe; register one per store and options.</remarks>
public sealed class IdempotentProcessor
{
    private readonly IIdempotencyStore _store;
    private readonly IdempotencyOptions _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a processor.</summary>
    /// <param name="store">Where claims are recorded.</param>
    /// <param name="options">Namespace, lease and retention; read once.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The options are not valid.</exception>
    public IdempotentProcessor(IIdempotencyStore store, IdempotencyOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _store = store;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Runs <paramref name="work"/> unless the key, in the configured namespace, was already done or is being done.</summary>
    /// <param name="key">The key, for example an event's <c>IdempotencyKey</c>.</param>
    /// <param name="work">The work; when it throws, the claim is released and the exception propagates.</param>
    /// <param name="cancellationToken">Passed to the store and the work.</param>
    /// <returns>Whether the work ran, was a duplicate, or is in progress elsewhere.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is empty or too long.</exception>
    public ValueTask<IdempotencyResult> ExecuteAsync(string key, Func<CancellationToken, ValueTask> work, CancellationToken cancellationToken = default)
        => ExecuteAsync(new IdempotencyKey(_options.Namespace, key), work, cancellationToken);

    /// <summary>Runs <paramref name="work"/> unless the key was already done or is being done.</summary>
    /// <param name="key">The namespaced key.</param>
    /// <param name="work">The work; when it throws, the claim is released and the exception propagates.</param>
    /// <param name="cancellationToken">Passed to the store and the work.</param>
    /// <returns>Whether the work ran, was a duplicate, or is in progress elsewhere.</returns>
    public ValueTask<IdempotencyResult> ExecuteAsync(IdempotencyKey key, Func<CancellationToken, ValueTask> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return ExecuteAsync(key, work, static (w, ct) => w(ct), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> with <paramref name="state"/> unless the key, in the configured namespace, was
    /// already done or is being done. With a static lambda this allocates no closure on hot paths.
    /// </summary>
    /// <typeparam name="TState">What the work needs.</typeparam>
    /// <param name="key">The key, for example an event's <c>IdempotencyKey</c>.</param>
    /// <param name="state">Passed to <paramref name="work"/>.</param>
    /// <param name="work">The work; when it throws, the claim is released and the exception propagates.</param>
    /// <param name="cancellationToken">Passed to the store and the work.</param>
    /// <returns>Whether the work ran, was a duplicate, or is in progress elsewhere.</returns>
    public ValueTask<IdempotencyResult> ExecuteAsync<TState>(string key, TState state, Func<TState, CancellationToken, ValueTask> work, CancellationToken cancellationToken = default)
        => ExecuteAsync(new IdempotencyKey(_options.Namespace, key), state, work, cancellationToken);

    /// <summary>Runs <paramref name="work"/> with <paramref name="state"/> unless the key was already done or is being done.</summary>
    /// <typeparam name="TState">What the work needs.</typeparam>
    /// <param name="key">The namespaced key.</param>
    /// <param name="state">Passed to <paramref name="work"/>.</param>
    /// <param name="work">The work; when it throws, the claim is released and the exception propagates.</param>
    /// <param name="cancellationToken">Passed to the store and the work.</param>
    /// <returns>Whether the work ran, was a duplicate, or is in progress elsewhere.</returns>
    /// <remarks>The returned <see cref="ValueTask{TResult}"/> may come from a pool: await it once, as any ValueTask.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<IdempotencyResult> ExecuteAsync<TState>(IdempotencyKey key, TState state, Func<TState, CancellationToken, ValueTask> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var claim = await _store.TryClaimAsync(key, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
        switch (claim.Outcome)
        {
            case IdempotencyClaimOutcome.AlreadyCompleted:
                return new(IdempotencyOutcome.Duplicate);
            case IdempotencyClaimOutcome.InProgress:
                var remaining = claim.ExpiresAt - _timeProvider.GetUtcNow();
                return new(IdempotencyOutcome.InProgressElsewhere, remaining > TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1));
        }

        try
        {
            await work(state, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Not cancellable: a failed attempt must give its claim back even when the request was aborted.
            // If the store cannot be reached, the lease expires and the retry takes the key over.
            await TryReleaseAsync(key, claim.Token).ConfigureAwait(false);
            throw;
        }

        // The work is done: record it even if the caller has meanwhile given up.
        var recorded = await _store.CompleteAsync(key, claim.Token, _options.Retention, CancellationToken.None).ConfigureAwait(false);
        return new(IdempotencyOutcome.Executed, CompletionRecorded: recorded);
    }

    private async ValueTask TryReleaseAsync(IdempotencyKey key, Guid token)
    {
        try
        {
            await _store.ReleaseAsync(key, token, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The work's own exception is the one to surface; the lease covers a failed release.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
