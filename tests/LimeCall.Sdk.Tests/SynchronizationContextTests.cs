using LimeCall.Sdk.Client;
using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.TestKit;
using LimeCall.Sdk.Tests.Client;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.Tests;

/// <summary>
/// A library must not resume on its caller's <see cref="SynchronizationContext"/>: in a UI or classic ASP.NET app
/// that blocks on the call (sync over async), a continuation posted back to the blocked thread is a deadlock. Every
/// await on the SDK's paths is ConfigureAwait(false); these tests count what reaches the caller's context (the
/// stores' contract checks the same for each store).
/// </summary>
public sealed class SynchronizationContextTests
{
    [Fact]
    public void IdempotentProcessor_WithAStoreAndWorkThatCompleteLater_NeverPostsToTheCallersContext()
    {
        using var inner = new InMemoryIdempotencyStore();
        var processor = new IdempotentProcessor(new CompletesLater(inner), new IdempotentProcessorOptions { Namespace = "context" });
        var work = new TaskCompletionSource();

        var posts = CountingSynchronizationContext.CountPosts(() =>
        {
            var first = processor.ExecuteAsync("evt_1", _ => new ValueTask(work.Task)).AsTask();
            _ = Task.Run(work.SetResult);
            Assert.Equal(IdempotencyOutcome.Executed, first.GetAwaiter().GetResult().Outcome);

            var failing = processor.ExecuteAsync("evt_2", async ct => await Task.Run(() => throw new TimeoutException(), ct).ConfigureAwait(false)).AsTask();
            Assert.Throws<TimeoutException>(() => failing.GetAwaiter().GetResult());
            Assert.Equal(IdempotencyOutcome.Duplicate, processor.ExecuteAsync("evt_1", _ => ValueTask.CompletedTask).AsTask().GetAwaiter().GetResult().Outcome);
        });

        Assert.Equal(0, posts);
    }

    [Fact]
    public void LimeCallClient_WithATransportThatAnswersLater_NeverPostsToTheCallersContext()
    {
        var handler = new ScriptedHandler();
        handler.Then(async (_, ct) =>
        {
            await Task.Run(() => { }, ct).ConfigureAwait(false);
            return ScriptedHandler.Created("cb_later");
        });
        var client = new LimeCallClient(new HttpClient(handler), Options.Create(new LimeCallClientOptions { ApiToken = "tok_context" }), new SteppingTimeProvider());

        var posts = CountingSynchronizationContext.CountPosts(() =>
        {
            var result = client.CreateCallbackAsync(new() { CustomerNumber = "+14155550123", TeamNumber = "+14155550100" }).GetAwaiter().GetResult();
            Assert.Equal("cb_later", result.Id);
        });

        Assert.Equal(0, posts);
    }

    /// <summary>A store whose every answer arrives on another thread, as a database's does.</summary>
    private sealed class CompletesLater(IIdempotencyStore inner) : IIdempotencyStore
    {
        public async ValueTask<IdempotencyClaim> ClaimAsync(IdempotencyKey key, TimeSpan lease, CancellationToken cancellationToken = default)
            => await Task.Run(() => inner.ClaimAsync(key, lease, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);

        public async ValueTask<bool> RenewAsync(IdempotencyKey key, IdempotencyClaimToken token, TimeSpan lease, CancellationToken cancellationToken = default)
            => await Task.Run(() => inner.RenewAsync(key, token, lease, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);

        public async ValueTask<bool> CompleteAsync(IdempotencyKey key, IdempotencyClaimToken token, TimeSpan retention, CancellationToken cancellationToken = default)
            => await Task.Run(() => inner.CompleteAsync(key, token, retention, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);

        public async ValueTask<bool> ReleaseAsync(IdempotencyKey key, IdempotencyClaimToken token, CancellationToken cancellationToken = default)
            => await Task.Run(() => inner.ReleaseAsync(key, token, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
    }
}
