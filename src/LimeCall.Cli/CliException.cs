namespace LimeCall.Cli;

/// <summary>
/// An error the user can act on: printed as one line on standard error (never a stack trace), with its exit code. Its
/// message never holds a secret, a token or a signature.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(string message, int exitCode = ExitCodes.Usage)
        : base(message) => ExitCode = exitCode;

    public CliException()
    {
    }

    public CliException(string message)
        : base(message) => ExitCode = ExitCodes.Usage;

    public CliException(string message, Exception innerException)
        : base(message, innerException) => ExitCode = ExitCodes.Usage;

    public int ExitCode { get; } = ExitCodes.Usage;
}
