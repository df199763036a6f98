using System.Globalization;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace LimeCall.Cli;

/// <summary>
/// Shows the emulator's log as <c>emulate</c>'s output: each API request (event 311) and each webhook attempt (event 301)
/// as an aligned line, or a JSON object per line with <c>--json</c>; other messages only from warnings up. The values are
/// the log's structured ones: the emulator never logs an Authorization value, so neither does this.
/// </summary>
internal sealed class TerminalLoggerProvider(Terminal terminal) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new TerminalLogger(this);

    public void Dispose()
    {
    }

    private void Write<TState>(LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        string Value(string name) => Convert.ToString(values.FirstOrDefault(v => string.Equals(v.Key, name, StringComparison.Ordinal)).Value, CultureInfo.InvariantCulture) ?? string.Empty;
        lock (_gate)
        {
            if (terminal.Json)
            {
                WriteJson(eventId, values, level, formatter(state, exception));
                return;
            }

            switch (eventId.Id)
            {
                case 311:
                    terminal.Line($"[blue]api[/]      {Markup.Escape(Value("Method")),-4} {Markup.Escape(Value("Path")),-34} [bold]{Markup.Escape(Value("Answer"))}[/]");
                    break;
                case 301:
                    var outcome = Value("Outcome");
                    var colour = outcome.StartsWith('2') ? "green" : "red";
                    terminal.Line($"[magenta]webhook[/]  {Markup.Escape(Value("EventType")),-22} attempt {Markup.Escape(Value("Attempt")),2}  [{colour}]{Markup.Escape(outcome)}[/]  {Markup.Escape(Value("DurationMs"))} ms");
                    break;
                default:
                    terminal.Line($"[yellow]{level.ToString().ToLowerInvariant()}[/]  {Markup.Escape(formatter(state, exception))}");
                    break;
            }
        }
    }

    private void WriteJson(EventId eventId, IReadOnlyList<KeyValuePair<string, object?>> values, LogLevel level, string message)
        => terminal.WriteJson(
            w =>
            {
                w.WriteStartObject();
                w.WriteString("kind", eventId.Id switch { 311 => "api", 301 => "webhook", _ => "log" });
                foreach (var (key, value) in values.Where(v => !string.Equals(v.Key, "{OriginalFormat}", StringComparison.Ordinal)))
                {
                    w.WriteString(char.ToLowerInvariant(key[0]) + key[1..], Convert.ToString(value, CultureInfo.InvariantCulture));
                }

                if (eventId.Id is not (311 or 301))
                {
                    w.WriteString("level", level.ToString());
                    w.WriteString("message", message);
                }

                w.WriteEndObject();
            },
            indented: false); // one object per line

    private sealed class TerminalLogger(TerminalLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id is 311 or 301 || logLevel >= LogLevel.Warning)
            {
                owner.Write(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
