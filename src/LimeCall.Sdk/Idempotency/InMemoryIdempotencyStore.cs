namespace LimeCall.Sdk.Idempotency;

/// <summary>
/// An <see cref="IIdempotencyStore"/> in this process's memory: right for a receiver that runs as one
/// instance, and for tests. Several instances need a shared store, such as <c>LimeCall.Sdk.PostgreSql</c>.
/// </summary>
/// <remarks>
/// Thread-safe and bounded (<see cref="InMemoryIdempotencyStoreOptions.Capacity"/>): when full it drops
/// expired keys, then the oldest completed ones, and never a claim in progress; if only claims in progress
/// remain it refuses with <see cref="IdempotencyCapacityExceededException"/>. Every transition costs O(log n)
/// at most, full or not: expired keys are found through a queue ordered by expiry, never by a scan. Expiry
/// follows the injected <see cref="TimeProvider"/>; the sweep timer stops when the store is disposed.
/// </remarks>
public sealed class InMemoryIdempotencyStore : IIdempotencyStore, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IdempotencyKey, Entry> _entries = [];
    // Two lists, each in expiry order when every call uses the same duration (as IdempotentProcessor does): claims
    // in progress by lease (a renewal moves its claim to the tail), completed keys by completion. Expired keys are
    // found at the heads and the oldest completion is the one to evict, all in O(1). A scan of every entry cost
    // O(n) per claim on a full store (about 900x slower); a priority queue cost O(log n) on a queue of stale items
    // (one per claim, until its lease passed), 2.2x the cost with room (measured).
    private readonly LinkedList<Entry> _inProgress = new();
    private readonly LinkedList<Entry> _completed = new();
    private readonly TimeProvider _timeProvider;
    private readonly int _capacity;
    private readonly ITimer? _sweeper;
    private bool _disposed;

    /// <summary>Creates a store with default bounds and the system clock.</summary>
    public InMemoryIdempotencyStore()
        : this(new InMemoryIdempotencyStoreOptions())
    {
    }

    /// <summary>Creates a store.</summary>
    /// <param name="options">Capacity and sweep interval; read once.</param>
    /// <param name="timeProvider">The clock for leases, retention and sweeping; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The capacity is not positive, or the sweep interval neither positive nor infinite.</exception>
    public InMemoryIdempotencyStore(InMemoryIdempotencyStoreOptions options, TimeProvider? timeProvider = null)
    {
        OptionsValidation.ThrowIfInvalid(new InMemoryIdempotencyStoreOptionsValidator(), options, nameof(options));
        _capacity = options.Capacity;
        _timeProvider = timeProvider ?? TimeProvider.System;
        if (options.SweepInterval != Timeout.InfiniteTimeSpan)
        {
            _sweeper = _timeProvider.CreateTimer(static state => ((InMemoryIdempotencyStore)state!).Sweep(), this, options.SweepInterval, options.SweepInterval);
        }
    }

    private enum State
    {
        InProgress,
        Completed,
    }

    /// <summary>Gets how many keys the store holds, expired ones not yet swept included.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<IdempotencyClaim> ClaimAsync(IdempotencyKey key, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        IdempotencyKey.ThrowIfDefault(key);
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _timeProvider.GetUtcNow();
            if (_entries.TryGetValue(key, out var entry))
            {
                if (entry.ExpiresAt > now)
                {
                    return ValueTask.FromResult(entry.State == State.Completed ? IdempotencyClaim.AlreadyCompleted(entry.ExpiresAt) : IdempotencyClaim.InProgress(entry.ExpiresAt));
                }

                // Expired: a crashed worker's lease, or a completion past its retention. Take it over.
                entry.Node.List!.Remove(entry.Node);
            }
            else
            {
                MakeRoom(now);
                entry = new Entry(key);
                _entries.Add(key, entry);
            }

            entry.State = State.InProgress;
            entry.Token = IdempotencyClaimToken.NewToken();
            entry.ExpiresAt = now + lease;
            _inProgress.AddLast(entry.Node);
            return ValueTask.FromResult(IdempotencyClaim.Acquired(entry.Token, entry.ExpiresAt));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RenewAsync(IdempotencyKey key, IdempotencyClaimToken token, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        IdempotencyKey.ThrowIfDefault(key);
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!Holds(key, token, out var entry))
            {
                return ValueTask.FromResult(false);
            }

            // A lapsed lease nobody has taken over yet is still this caller's: renewing it is safe.
            entry.ExpiresAt = _timeProvider.GetUtcNow() + lease;
            _inProgress.Remove(entry.Node);
            _inProgress.AddLast(entry.Node);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> CompleteAsync(IdempotencyKey key, IdempotencyClaimToken token, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        IdempotencyKey.ThrowIfDefault(key);
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retention, TimeSpan.Zero);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _timeProvider.GetUtcNow();
            if (_entries.TryGetValue(key, out var entry))
            {
                if (entry.State != State.InProgress || entry.Token != token)
                {
                    return ValueTask.FromResult(false);
                }

                _inProgress.Remove(entry.Node);
            }
            else
            {
                // The expired lease was swept (or taken over and released): nobody holds the key, and the
                // work is done, so record it rather than let a duplicate run it again.
                MakeRoom(now);
                entry = new Entry(key);
                _entries.Add(key, entry);
            }

            entry.State = State.Completed;
            entry.ExpiresAt = now + retention;
            _completed.AddLast(entry.Node);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> ReleaseAsync(IdempotencyKey key, IdempotencyClaimToken token, CancellationToken cancellationToken = default)
    {
        IdempotencyKey.ThrowIfDefault(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!Holds(key, token, out var entry))
            {
                return ValueTask.FromResult(false);
            }

            Remove(entry);
            return ValueTask.FromResult(true);
        }
    }

    /// <summary>Stops the sweep timer. Further use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _sweeper?.Dispose();
    }

    /// <summary>Removes every expired key now; the sweep timer calls this periodically.</summary>
    /// <returns>How many keys were removed.</returns>
    public int Sweep()
    {
        lock (_gate)
        {
            return _disposed ? 0 : RemoveExpired(_timeProvider.GetUtcNow());
        }
    }

    /// <summary>Whether <paramref name="token"/> holds the claim in progress on <paramref name="key"/>.</summary>
    private bool Holds(IdempotencyKey key, IdempotencyClaimToken token, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Entry? entry)
        => _entries.TryGetValue(key, out entry) && entry.State == State.InProgress && entry.Token == token;

    private void MakeRoom(DateTimeOffset now)
    {
        if (_entries.Count < _capacity)
        {
            return;
        }

        RemoveExpired(now);
        while (_entries.Count >= _capacity && _completed.First is { } oldest)
        {
            Remove(oldest.Value);
        }

        if (_entries.Count >= _capacity)
        {
            // Full of claims in progress. Leases of different lengths can leave an expired claim behind an unexpired
            // head; look at every claim once before refusing (only on this path, which refuses otherwise).
            foreach (var expired in _inProgress.Where(e => e.ExpiresAt <= now).ToList())
            {
                Remove(expired);
            }
        }

        if (_entries.Count >= _capacity)
        {
            throw new IdempotencyCapacityExceededException();
        }
    }

    private int RemoveExpired(DateTimeOffset now)
    {
        // A lease or retention shorter than the one before it waits behind it here; it is still treated as expired
        // when claimed (each claim checks its own entry's expiry), and goes when it reaches the head.
        var removed = 0;
        foreach (var list in (ReadOnlySpan<LinkedList<Entry>>)[_inProgress, _completed])
        {
            while (list.First is { } head && head.Value.ExpiresAt <= now)
            {
                Remove(head.Value);
                removed++;
            }
        }

        return removed;
    }

    private void Remove(Entry entry)
    {
        entry.Node.List?.Remove(entry.Node);
        _entries.Remove(entry.Key);
    }

    private sealed class Entry
    {
        public Entry(IdempotencyKey key)
        {
            Key = key;
            Node = new LinkedListNode<Entry>(this);
        }

        public IdempotencyKey Key { get; }

        /// <summary>Gets the entry's place in the list of its state; allocated once, moved between the lists.</summary>
        public LinkedListNode<Entry> Node { get; }

        public State State { get; set; }

        public IdempotencyClaimToken Token { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }

    }
}
