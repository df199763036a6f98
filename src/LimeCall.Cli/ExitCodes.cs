namespace LimeCall.Cli;

/// <summary>What the tool's exit code means, the same for every command (scripts branch on it).</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for happened: every event was accepted, the signature is valid.</summary>
    public const int Success = 0;

    /// <summary>The command ran and the answer is no: an event was never accepted, a signature does not match.</summary>
    public const int Failed = 1;

    /// <summary>The command could not run as given: a missing or invalid option, an unknown event type, an unreadable file.</summary>
    public const int Usage = 2;

    /// <summary>Something the tool did not expect; the one-line error names it.</summary>
    public const int Unexpected = 70;
}
