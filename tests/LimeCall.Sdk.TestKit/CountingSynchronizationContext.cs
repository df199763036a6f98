namespace LimeCall.Sdk.TestKit;

/// <summary>
/// A <see cref="SynchronizationContext"/> that counts what is posted to it (and runs it on the thread pool, so nothing
/// hangs): a library that resumes on its caller's context posts here, and would deadlock a UI or classic ASP.NET caller
/// that blocks on the call.
/// </summary>
public sealed class CountingSynchronizationContext : SynchronizationContext
{
    private int _posts;

    /// <summary>Gets how many callbacks were posted or sent.</summary>
    public int Posts => Volatile.Read(ref _posts);

    /// <summary>Runs <paramref name="action"/> on this thread with a counting context installed (per thread: parallel tests are unaffected).</summary>
    /// <param name="action">Code that blocks on the library's asynchronous calls, as a sync-over-async caller does.</param>
    /// <returns>How many continuations were posted to the caller's context.</returns>
    public static int CountPosts(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var previous = Current;
        var context = new CountingSynchronizationContext();
        SetSynchronizationContext(context);
        try
        {
            action();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }

        return context.Posts;
    }

    /// <inheritdoc />
    public override void Post(SendOrPostCallback d, object? state)
    {
        Interlocked.Increment(ref _posts);
        ThreadPool.QueueUserWorkItem(_ => d(state));
    }

    /// <inheritdoc />
    public override void Send(SendOrPostCallback d, object? state) => Post(d, state);
}
