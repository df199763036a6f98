using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.AspNetCore.Tests;

/// <summary>Keeps every formatted log line, with its exception, so tests can prove what never reaches a log.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

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
            owner._lines.Enqueue($"{logLevel} {category} {formatter(state, exception)} {structured} {exception}");
        }
    }
}
