namespace LimeCall.Cli;

/// <summary>What a command reads and writes: the process's streams and environment, or a test's.</summary>
internal sealed class CliContext
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required Func<Stream> OpenStandardInput { get; init; }

    public required Func<string, string?> GetEnvironmentVariable { get; init; }

    /// <summary>Gets whether standard output is a terminal (colours, live progress) rather than a file or a pipe.</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>Gets whether standard error is a terminal (the error line is coloured).</summary>
    public bool ErrorIsTerminal { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public static CliContext FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        OpenStandardInput = Console.OpenStandardInput,
        GetEnvironmentVariable = Environment.GetEnvironmentVariable,
        OutputIsTerminal = !Console.IsOutputRedirected,
        ErrorIsTerminal = !Console.IsErrorRedirected,
    };
}
