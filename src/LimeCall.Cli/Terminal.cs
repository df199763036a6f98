using System.Text.Json;
using Spectre.Console;

namespace LimeCall.Cli;

/// <summary>
/// The tool's output. For a person (default): aligned text, coloured where the terminal supports it (Spectre.Console
/// detects it, and honours <c>NO_COLOR</c>), progress only on a terminal. For a script (<c>--json</c>): JSON on standard
/// output and nothing else there. Errors are always one line on standard error.
/// </summary>
internal sealed class Terminal
{
    private readonly CliContext _context;

    public Terminal(CliContext context, bool json)
    {
        _context = context;
        Json = json;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(context.Out),
            Ansi = context.OutputIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = context.OutputIsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!context.OutputIsTerminal)
        {
            Console.Profile.Width = 160; // a file or a pipe: never wrap a table at the 80 columns assumed for them
        }
    }

    /// <summary>Gets whether the output is JSON for a script.</summary>
    public bool Json { get; }

    /// <summary>Gets the console for a person's output (tables, colours); write nothing to it when <see cref="Json"/>.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Gets whether live progress can be drawn (a person at a terminal).</summary>
    public bool CanShowProgress => !Json && Console.Profile.Capabilities.Interactive;

    /// <summary>Writes one line of markup for a person (nothing in JSON mode).</summary>
    public void Line(string markup)
    {
        if (!Json)
        {
            Console.MarkupLine(markup);
        }
    }

    /// <summary>Writes the one line an error is: <c>error: …</c> on standard error.</summary>
    public void Error(string message)
    {
        var colour = _context.ErrorIsTerminal && string.IsNullOrEmpty(_context.GetEnvironmentVariable("NO_COLOR"));
        _context.Error.WriteLine(colour ? $"\u001b[31merror:\u001b[0m {message}" : $"error: {message}");
    }

    /// <summary>Writes a JSON document on standard output (JSON mode); on one line when it is one of a stream of them.</summary>
    public void WriteJson(Action<Utf8JsonWriter> write, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            write(writer);
        }

        _context.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        _context.Out.Flush();
    }
}
