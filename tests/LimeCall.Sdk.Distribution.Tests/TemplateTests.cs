using System.Xml.Linq;

namespace LimeCall.Sdk.Distribution.Tests;

/// <summary>
/// The <c>dotnet new</c> templates as a user meets them: the packed LimeCall.Templates installed into a hive of its own,
/// each template generated into a folder outside this repository (none of its build settings apply), restored with the
/// local package folder as the only source of LimeCall packages, built with warnings as errors, and its tests run.
/// </summary>
[Collection(SharedPackages.Name)]
public sealed class TemplateTests(PackedPackages packages)
{
    private const string DevelopmentSecret = "whsec_local_development_only"; // the receiver template's appsettings.Development.json

    [Fact]
    public async Task Receiver_GeneratedOutsideTheRepository_BuildsWithWarningsAsErrors_PassesItsTests_AndAcceptsAnEventFromTheTool()
    {
        using var workspace = new Workspace(packages);
        var solution = await workspace.GenerateAsync("limecall-receiver", "Acme.Webhooks");

        await workspace.BuildAndTestAsync(solution, expectedTests: 2);

        await using var receiver = ChildProcess.Start(
            "dotnet", ["run", "--no-build", "-c", "Release", "--project", Path.Combine(solution, "Acme.Webhooks"), "--urls", "http://127.0.0.1:0"],
            solution,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        var address = await receiver.ListeningAsync();
        var (exitCode, output, errors) = await InstalledTool.RunAsync(
            packages, new Dictionary<string, string>(StringComparer.Ordinal), "trigger", "call.missed", "--url", new Uri(address, "webhooks/limecall").ToString(), "--secret", DevelopmentSecret);

        Assert.True(exitCode == 0, output + errors + receiver.Output);
        Assert.Matches(@"attempt\s+1\s+200", output);
        Assert.Contains("LimeCall event call.missed evt_cli_", receiver.Output, StringComparison.Ordinal); // the catch-all handler ran
    }

    [Fact]
    public async Task CallbackWorker_GeneratedOutsideTheRepository_BuildsWithWarningsAsErrors_AndPassesItsTestsAgainstTheEmulator()
    {
        using var workspace = new Workspace(packages);
        var solution = await workspace.GenerateAsync("limecall-callback-worker", "Acme.Callbacks");

        await workspace.BuildAndTestAsync(solution, expectedTests: 1);

        Assert.True(File.Exists(Path.Combine(solution, "Acme.Callbacks", "CallbackWorker.cs")));
        Assert.Contains("namespace Acme.Callbacks;", await File.ReadAllTextAsync(Path.Combine(solution, "Acme.Callbacks", "CallbackWorker.cs")), StringComparison.Ordinal);
    }

    /// <summary>A temporary folder outside the repository with its own template hive, package cache and nuget.config.</summary>
    private sealed class Workspace(PackedPackages packages) : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("limecall-template-").FullName;

        private string Hive => Path.Combine(_root, "hive");

        private Dictionary<string, string> Environment => new(StringComparer.Ordinal) { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages") };

        public async Task<string> GenerateAsync(string template, string name)
        {
            var (installExit, install) = await ChildProcess.RunAsync(
                "dotnet", ["new", "install", packages.PackagePath("LimeCall.Templates"), "--debug:custom-hive", Hive], _root, Environment);
            Assert.True(installExit == 0, install);

            var output = Path.Combine(_root, name);
            var (newExit, created) = await ChildProcess.RunAsync(
                "dotnet", ["new", template, "-n", name, "-o", output, "--debug:custom-hive", Hive], _root, Environment);
            Assert.True(newExit == 0, created);
            Assert.Contains("was created successfully", created, StringComparison.Ordinal);
            Assert.DoesNotContain(Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains("LIMECALL_SDK_VERSION", StringComparison.Ordinal));
            WriteNuGetConfig(output);
            return output;
        }

        public async Task BuildAndTestAsync(string solution, int expectedTests)
        {
            var (buildExit, build) = await ChildProcess.RunAsync(
                "dotnet", ["build", "-c", "Release", "-warnaserror"], solution, Environment, TimeSpan.FromMinutes(6));
            Assert.True(buildExit == 0, build);
            Assert.Contains("0 Warning(s)", build, StringComparison.Ordinal);
            Assert.True(Directory.Exists(Path.Combine(_root, "packages", "limecall.sdk", packages.Version)), "the LimeCall packages came from the local folder");

            var (testExit, test) = await ChildProcess.RunAsync(
                "dotnet", ["test", "-c", "Release", "--no-build"], solution, Environment, TimeSpan.FromMinutes(5));
            Assert.True(testExit == 0, test);
            Assert.Matches($@"Passed!\s+-\s+Failed:\s+0, Passed:\s+{expectedTests}, Skipped:\s+0", test);
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);

        // The local folder for LimeCall's packages, and the machine's upstream feed (this repository's) for the rest.
        private void WriteNuGetConfig(string folder)
        {
            var upstream = XDocument.Load(Path.Combine(Repository.Root, "nuget.config")).Descendants("packageSources").Elements("add").First().Attribute("value")!.Value;
            File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{packages.Folder}" />
                    <add key="upstream" value="{upstream}" />
                  </packageSources>
                  <packageSourceMapping>
                    <packageSource key="local"><package pattern="LimeCall.*" /></packageSource>
                    <packageSource key="upstream"><package pattern="*" /></packageSource>
                  </packageSourceMapping>
                </configuration>
                """);
        }
    }
}
