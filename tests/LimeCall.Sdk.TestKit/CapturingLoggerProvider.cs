using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.TestKit;

/// <summary>Keeps every formatted log line, with its exception, so tests can prove what never reaches a log.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiters = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Completes when a line matching <paramref name="match"/> has been logged: a sync point, not a sleep.</summary>
    public Task WaitForAsync(Func<string, bool> match)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Enqueue((match, seen));
        if (_lines.Any(match))
        {
            seen.TrySetResult();
        }

        return seen.Task;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> values ? string.Join(";", values.Select(v => $"{v.Key}={v.Value}")) : string.Empty;
            var line = $"{logLevel} {category} {formatter(state, exception)} {structured} {exception}";
            owner._lines.Enqueue(line);
            foreach (var (match, seen) in owner._waiters)
            {
                if (match(line))
                {
                    seen.TrySetResult();
                }
            }
        }
    }
}
