namespace LimeCall.Sdk.Distribution.Tests;

/// <summary>
/// The packed LimeCall.Cli installed once per test run with <c>dotnet tool install --tool-path</c>, from the local package
/// folder only (a nuget.config that lists nothing else), and run as a user runs it.
/// </summary>
internal static class InstalledTool
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _path;

    public static async Task<string> PathAsync(PackedPackages packages)
    {
        await Gate.WaitAsync();
        try
        {
            if (_path is not null && File.Exists(_path))
            {
                return _path;
            }

            var toolPath = Directory.CreateTempSubdirectory("limecall-tool-").FullName;
            var config = Path.Combine(toolPath, "nuget.config");
            await File.WriteAllTextAsync(config, $"""
                <configuration><packageSources><clear /><add key="local" value="{packages.Folder}" /></packageSources></configuration>
                """);
            var (exitCode, output) = await ChildProcess.RunAsync(
                "dotnet", ["tool", "install", "LimeCall.Cli", "--version", packages.Version, "--tool-path", toolPath, "--configfile", config],
                toolPath, timeout: TimeSpan.FromMinutes(3));
            Assert.True(exitCode == 0, output);
            _path = Path.Combine(toolPath, "limecall"); // the command name the package declares
            Assert.True(File.Exists(_path), output);
            return _path;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Runs <c>limecall</c>; returns its exit code, its standard output, and its standard error on their own.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(PackedPackages packages, IDictionary<string, string> environment, params string[] arguments)
    {
        var tool = await PathAsync(packages);
        await using var child = ChildProcess.Start(tool, arguments, Path.GetTempPath(), environment);
        var exitCode = await child.WaitForExitAsync(TimeSpan.FromMinutes(2));
        var errors = child.ErrorOutput;
        var output = child.Output;
        foreach (var line in errors.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            output = output.Replace(line + Environment.NewLine, string.Empty, StringComparison.Ordinal);
        }

        return (exitCode, output, errors);
    }
}
