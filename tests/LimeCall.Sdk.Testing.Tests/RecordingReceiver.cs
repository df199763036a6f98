using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.Testing.Tests;

/// <summary>
/// A minimal real webhook receiver on Kestrel at 127.0.0.1: records every request (headers, body, whether
/// the sender aborted it) and answers with scripted status codes, or not at all until released.
/// </summary>
public sealed class RecordingReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _scripted = new();
    private readonly List<ReceivedRequest> _requests = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _startWaiters = [];
    private int _started;

    private RecordingReceiver(WebApplication app) => _app = app;

    /// <summary>Gets or sets the status answered when no scripted status is queued.</summary>
    public int DefaultStatus { get; set; } = 200;

    /// <summary>Gets or sets a function that picks the status for a request (null: fall back to the queue, then the default).</summary>
    public Func<ReceivedRequest, int?>? Respond { get; set; }

    /// <summary>Gets or sets a body to answer with.</summary>
    public string ResponseBody { get; set; } = "ok";

    /// <summary>Gets or sets a task every request waits for before answering (to make the receiver hang).</summary>
    public Task? Hold { get; set; }

    /// <summary>Gets the webhook URL.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Gets a snapshot of the requests so far.</summary>
    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<RecordingReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ListenOnLoopback();
        var app = builder.Build();
        var receiver = new RecordingReceiver(app);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = new Uri(app.GetLoopbackAddress(), "hooks/limecall");
        return receiver;
    }

    /// <summary>Queues status codes for the next requests, in order.</summary>
    public void Answer(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _scripted.Enqueue(status);
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> requests were recorded.</summary>
    public Task WhenRequestsAsync(int count)
    {
        lock (_gate)
        {
            if (_requests.Count >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task;
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> requests have started (headers received, body maybe not).</summary>
    public Task WhenStartedAsync(int count)
    {
        lock (_gate)
        {
            if (_started >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _startWaiters.Add((count, signal));
            return signal.Task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        List<TaskCompletionSource> started;
        lock (_gate)
        {
            _started++;
            started = [.. _startWaiters.Where(w => w.Count <= _started).Select(w => w.Signal)];
            _startWaiters.RemoveAll(w => w.Count <= _started);
        }

        started.ForEach(s => s.TrySetResult());
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        using var body = new MemoryStream();
        var aborted = false;
        try
        {
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
        {
            aborted = true;
        }

        var received = new ReceivedRequest(context.Request.Path, headers, body.ToArray(), aborted, 0);
        var status = aborted ? 0 : Respond?.Invoke(received) ?? (_scripted.TryDequeue(out var s) ? s : DefaultStatus);
        Record(received with { Answered = status });
        if (aborted)
        {
            return;
        }

        if (Hold is { } hold)
        {
            await hold.WaitAsync(context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        context.Response.StatusCode = status;
        await context.Response.WriteAsync(ResponseBody);
    }

    private void Record(ReceivedRequest request)
    {
        List<TaskCompletionSource> ready;
        lock (_gate)
        {
            _requests.Add(request);
            ready = [.. _waiters.Where(w => w.Count <= _requests.Count).Select(w => w.Signal)];
            _waiters.RemoveAll(w => w.Count <= _requests.Count);
        }

        ready.ForEach(r => r.TrySetResult());
    }
}
