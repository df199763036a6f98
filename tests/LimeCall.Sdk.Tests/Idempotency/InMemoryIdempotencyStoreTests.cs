using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.TestKit;

namespace LimeCall.Sdk.Tests.Idempotency;

/// <summary>The shared store contract, against the in-memory store (one process: both handles are the same store).</summary>
public sealed class InMemoryIdempotencyStoreTests : IdempotencyStoreContract
{
    private InMemoryIdempotencyStore? _store;

    public override Task DisposeAsync()
    {
        _store?.Dispose();
        return Task.CompletedTask;
    }

    protected override Task<(IIdempotencyStore Store, IIdempotencyStore SecondInstance)> CreateStoresAsync()
    {
        _store = new InMemoryIdempotencyStore(new InMemoryIdempotencyStoreOptions(), Time);
        return Task.FromResult<(IIdempotencyStore, IIdempotencyStore)>((_store, _store));
    }

    protected override Task PurgeExpiredAsync()
    {
        _store!.Sweep();
        return Task.CompletedTask;
    }
}
