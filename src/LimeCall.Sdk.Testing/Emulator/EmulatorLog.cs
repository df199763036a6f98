using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.Testing.Emulator;

/// <summary>The emulator's log messages: each API request and its answer; the Authorization value never.</summary>
internal static partial class EmulatorLog
{
    [LoggerMessage(311, LogLevel.Information, "LimeCall API emulator: {Method} {Path} -> {Answer}", EventName = "ApiRequest")]
    public static partial void Request(ILogger logger, string method, string path, string answer);
}
