using System.Xml.Linq;

namespace LimeCall.Sdk.Distribution.Tests;

/// <summary>A new project on a machine that has only the .nupkg files in a local folder.</summary>
[Collection(SharedPackages.Name)]
public sealed class ConsumerTests(PackedPackages packages)
{
    [Fact]
    public async Task NewProject_ReferencingThePackedFilesFromALocalFolder_RestoresBuildsAndReceivesASignedEvent()
    {
        var project = Directory.CreateTempSubdirectory("limecall-consumer-").FullName;
        try
        {
            var sources = Path.Combine(TestProjectFiles, "Consumer");
            File.Copy(Path.Combine(sources, "Consumer.csproj.txt"), Path.Combine(project, "Consumer.csproj"));
            File.Copy(Path.Combine(sources, "Program.cs.txt"), Path.Combine(project, "Program.cs"));
            WriteNuGetConfig(project);
            var version = Path.GetFileNameWithoutExtension(packages.PackagePath("LimeCall.Sdk"))["LimeCall.Sdk.".Length..];

            // Its own package folder: nothing from this machine's cache, and nothing left behind in it.
            var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["NUGET_PACKAGES"] = Path.Combine(project, "packages") };
            var (exitCode, output) = await ChildProcess.RunAsync(
                "dotnet", ["run", "-c", "Release", $"-p:LimeCallVersion={version}"], project, environment, TimeSpan.FromMinutes(5));

            Assert.True(exitCode == 0, output);
            Assert.Contains("consumer: Delivered, handled 1", output, StringComparison.Ordinal);
            Assert.True(Directory.Exists(Path.Combine(project, "packages", "limecall.sdk.aspnetcore", version)), "restored from the local folder");
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public async Task ReceiverSample_CopiedOutOfTheRepository_BuildsAsItStandsAgainstThePackages()
    {
        var copy = Directory.CreateTempSubdirectory("limecall-sample-copy-").FullName;
        try
        {
            var source = Repository.Sample("LimeCall.Samples.Receiver");
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(source, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            WriteNuGetConfig(copy);
            var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["NUGET_PACKAGES"] = Path.Combine(copy, "packages") };
            var (exitCode, output) = await ChildProcess.RunAsync("dotnet", ["build", "-c", "Release", "-warnaserror"], copy, environment, TimeSpan.FromMinutes(5));

            Assert.True(exitCode == 0, output); // no NETSDK1013, no CS0246: nothing leaned on this repository's build files
            Assert.True(Directory.Exists(Path.Combine(copy, "packages", "limecall.sdk.aspnetcore", packages.Version)), "built against the package");
            Assert.Contains($"Version=\"{packages.Version}\"", await File.ReadAllTextAsync(Path.Combine(copy, "LimeCall.Samples.Receiver.csproj")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static string TestProjectFiles => LimeCall.Sdk.Tests.Shared.TestProject.Directory;

    // The local folder first, then the same upstream feed as the repository (for Polly.Core and friends).
    private void WriteNuGetConfig(string project)
    {
        var repositoryConfig = XDocument.Load(Path.Combine(Repository.Root, "nuget.config"));
        var upstream = repositoryConfig.Descendants("packageSources").Elements("add").First().Attribute("value")!.Value;
        var config = new XDocument(
            new XElement("configuration",
                new XElement("packageSources",
                    new XElement("clear"),
                    new XElement("add", new XAttribute("key", "local"), new XAttribute("value", packages.Folder)),
                    new XElement("add", new XAttribute("key", "upstream"), new XAttribute("value", upstream))),
                new XElement("packageSourceMapping",
                    new XElement("packageSource", new XAttribute("key", "local"), new XElement("package", new XAttribute("pattern", "LimeCall.Sdk*"))),
                    new XElement("packageSource", new XAttribute("key", "upstream"), new XElement("package", new XAttribute("pattern", "*"))))));
        config.Save(Path.Combine(project, "nuget.config"));
    }
}
