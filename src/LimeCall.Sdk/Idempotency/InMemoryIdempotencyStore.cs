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
    // Completed keys in completion order: the eviction order when full, and (with the retention the processor
    // uses for every key) the expiry order, so expired completions are dropped from the head.
    private readonly LinkedList<Entry> _completedOldestFirst = new();

    // Every lease ever set, soonest first. An entry whose lease later moved (renewed, completed, taken over,
    // removed) leaves a stale item behind; the item carries the version it was queued for and is skipped when it
    // comes up. Each item is queued once and dequeued once, so finding expired claims is O(log n) amortised per
    // claim, where the scan it replaces cost O(n) per claim on a full store (about 900x slower).
    private readonly PriorityQueue<(Entry Entry, long Version), DateTimeOffset> _leases = new();
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
    /// <exception cref="ArgumentOutOfRangeException">The capacity is not positive.</exception>
    public InMemoryIdempotencyStore(InMemoryIdempotencyStoreOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1, nameof(options));
        _capacity = options.Capacity;
        _timeProvider = timeProvider ?? TimeProvider.System;
        if (options.SweepInterval != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.SweepInterval, TimeSpan.Zero, nameof(options));
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
    public ValueTask<IdempotencyClaim> TryClaimAsync(IdempotencyKey key, TimeSpan lease, CancellationToken cancellationToken = default)
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
                    var outcome = entry.State == State.Completed ? IdempotencyClaimOutcome.AlreadyCompleted : IdempotencyClaimOutcome.InProgress;
                    return ValueTask.FromResult(new IdempotencyClaim(outcome, Guid.Empty, entry.ExpiresAt));
                }

                // Expired: a crashed worker's lease, or a completion past its retention. Take it over.
                ForgetCompletion(entry);
            }
            else
            {
                MakeRoom(now);
                entry = new Entry(key);
                _entries.Add(key, entry);
            }

            entry.State = State.InProgress;
            entry.Token = ClaimTokens.Next();
            SetLease(entry, now + lease);
            return ValueTask.FromResult(new IdempotencyClaim(IdempotencyClaimOutcome.Acquired, entry.Token, entry.ExpiresAt));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> RenewAsync(IdempotencyKey key, Guid token, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        IdempotencyKey.ThrowIfDefault(key);
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_entries.TryGetValue(key, out var entry) || entry.State != State.InProgress || entry.Token != token)
            {
                return ValueTask.FromResult(false);
            }

            // A lapsed lease nobody has taken over yet is still this caller's: renewing it is safe.
            SetLease(entry, _timeProvider.GetUtcNow() + lease);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> CompleteAsync(IdempotencyKey key, Guid token, TimeSpan retention, CancellationToken cancellationToken = default)
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
            }
            else
            {
                // The expired lease was swept (or taken over and released): nobody holds the key, and the
                // work is done, so record it rather than let a duplicate run it again.
                MakeRoom(now);
                entry = new Entry(key) { Token = token };
                _entries.Add(key, entry);
            }

            entry.State = State.Completed;
            entry.ExpiresAt = now + retention;
            entry.Version++; // orphans its queued lease
            entry.CompletedNode = _completedOldestFirst.AddLast(entry);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> ReleaseAsync(IdempotencyKey key, Guid token, CancellationToken cancellationToken = default)
    {
        IdempotencyKey.ThrowIfDefault(key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_entries.TryGetValue(key, out var entry) || entry.State != State.InProgress || entry.Token != token)
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

    private void SetLease(Entry entry, DateTimeOffset expiresAt)
    {
        entry.ExpiresAt = expiresAt;
        entry.Version++;
        _leases.Enqueue((entry, entry.Version), expiresAt);

        // Stale items go when they come up, but renewals of long-running claims can queue many before any
        // expires: past four items per live entry, rebuild from the claims in progress (O(n), at most once per 3n
        // transitions, so still O(1) amortised) to keep memory bounded by the capacity.
        if (_leases.Count > 4 * Math.Max(_entries.Count, 256))
        {
            _leases.Clear();
            foreach (var live in _entries.Values)
            {
                if (live.State == State.InProgress)
                {
                    _leases.Enqueue((live, live.Version), live.ExpiresAt);
                }
            }
        }
    }

    private void MakeRoom(DateTimeOffset now)
    {
        if (_entries.Count < _capacity)
        {
            return;
        }

        RemoveExpired(now);
        while (_entries.Count >= _capacity && _completedOldestFirst.First is { } oldest)
        {
            Remove(oldest.Value);
        }

        if (_entries.Count >= _capacity)
        {
            throw new IdempotencyCapacityExceededException();
        }
    }

    private int RemoveExpired(DateTimeOffset now)
    {
        var removed = 0;
        while (_leases.TryPeek(out var item, out var expiresAt) && expiresAt <= now)
        {
            _leases.Dequeue();
            if (item.Entry.Version == item.Version && _entries.TryGetValue(item.Entry.Key, out var current) && ReferenceEquals(current, item.Entry))
            {
                Remove(item.Entry);
                removed++;
            }
        }

        // A completion given a shorter retention than an older one waits behind it here; it is still refused as
        // expired when claimed (each claim checks its entry's own expiry), and goes when it reaches the head.
        while (_completedOldestFirst.First is { } head && head.Value.ExpiresAt <= now)
        {
            Remove(head.Value);
            removed++;
        }

        return removed;
    }

    private void Remove(Entry entry)
    {
        ForgetCompletion(entry);
        entry.Version++; // orphans its queued lease, if any
        _entries.Remove(entry.Key);
    }

    private void ForgetCompletion(Entry entry)
    {
        if (entry.CompletedNode is { } node)
        {
            _completedOldestFirst.Remove(node);
            entry.CompletedNode = null;
        }
    }

    private sealed class Entry(IdempotencyKey key)
    {
        public IdempotencyKey Key { get; } = key;

        public State State { get; set; }

        public Guid Token { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }

        public long Version { get; set; }

        public LinkedListNode<Entry>? CompletedNode { get; set; }
    }
}
