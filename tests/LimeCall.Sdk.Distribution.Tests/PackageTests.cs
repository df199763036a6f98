using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace LimeCall.Sdk.Distribution.Tests;

/// <summary>What nuget.org and a user's IDE read from the packages.</summary>
[Collection(SharedPackages.Name)]
public sealed class PackageTests(PackedPackages packages)
{
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    public static TheoryData<string> Ids => [.. PackedPackages.Ids];

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Package_CarriesItsNuGetMetadata_ReadmeAndDocumentedAssembly(string id)
    {
        using var package = PackedPackages.Open(packages.PackagePath(id));
        var nuspec = XDocument.Load(package.GetEntry(id + ".nuspec")!.Open());
        var ns = nuspec.Root!.GetDefaultNamespace();
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        string Value(string name) => metadata.Element(ns + name)?.Value ?? string.Empty;

        Assert.Equal(id, Value("id"));
        Assert.Matches(@"^\d+\.\d+\.\d+", Value("version"));
        Assert.True(Value("description").Length > 60, "a description that says what the package is for");
        Assert.Contains("limecall", Value("tags").Split(' '));
        Assert.Equal("expression", metadata.Element(ns + "license")!.Attribute("type")!.Value);
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("https://github.com/limecall/limecall-dotnet", Value("projectUrl"));

        var repository = metadata.Element(ns + "repository")!;
        Assert.Equal("git", repository.Attribute("type")!.Value);
        Assert.Equal("https://github.com/limecall/limecall-dotnet", repository.Attribute("url")!.Value);
        Assert.Equal(await HeadCommitAsync(), repository.Attribute("commit")?.Value);

        Assert.Equal("README.md", Value("readme"));
        using (var readme = new StreamReader(package.GetEntry("README.md")!.Open()))
        {
            Assert.StartsWith("# " + id, await readme.ReadToEndAsync(), StringComparison.Ordinal);
        }

        Assert.NotNull(package.GetEntry($"lib/net10.0/{id}.dll"));
        Assert.NotNull(package.GetEntry($"lib/net10.0/{id}.xml"));
        Assert.DoesNotContain(package.Entries, e => e.FullName.Contains("Tests", StringComparison.Ordinal) || e.FullName.EndsWith(".pdb", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PackingTheSolution_AsTheReadmeSays_ProducesEveryPackageAndNoWarning()
    {
        var folder = Directory.CreateTempSubdirectory("limecall-pack-solution-").FullName;
        try
        {
            var (exitCode, output) = await ChildProcess.RunAsync(
                "dotnet", ["pack", Path.Combine(Repository.Root, "LimeCall.Sdk.sln"), "-c", Repository.Configuration, "--no-build", "-o", folder], timeout: TimeSpan.FromMinutes(5));

            Assert.True(exitCode == 0, output);
            Assert.DoesNotContain("warning", output, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(
                [.. PackedPackages.Ids.Concat(PackedPackages.ToolAndTemplates).Select(id => $"{id}.{packages.Version}.nupkg").Order(StringComparer.Ordinal)],
                Directory.GetFiles(folder, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Packages_DependOnEachOtherAtTheSameVersion()
    {
        using var package = PackedPackages.Open(packages.PackagePath("LimeCall.Sdk.AspNetCore"));
        var nuspec = XDocument.Load(package.GetEntry("LimeCall.Sdk.AspNetCore.nuspec")!.Open());
        var ns = nuspec.Root!.GetDefaultNamespace();
        var version = nuspec.Descendants(ns + "version").First().Value;

        var dependency = nuspec.Descendants(ns + "dependency").Single(d => d.Attribute("id")!.Value == "LimeCall.Sdk");

        Assert.Equal(version, dependency.Attribute("version")!.Value);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task SymbolPackage_HasAPortablePdbWhoseSourceLinkPointsAtTheBuiltCommit(string id)
    {
        using var symbols = PackedPackages.Open(packages.SymbolsPath(id));
        using var pdb = await CopyAsync(symbols.GetEntry($"lib/net10.0/{id}.pdb")!);
        using var provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
        var reader = provider.GetMetadataReader();

        var sourceLink = reader.CustomDebugInformation
            .Select(reader.GetCustomDebugInformation)
            .Where(info => reader.GetGuid(info.Kind) == SourceLinkKind)
            .Select(info => System.Text.Encoding.UTF8.GetString(reader.GetBlobBytes(info.Value)))
            .SingleOrDefault();

        Assert.NotNull(sourceLink);
        Assert.Contains($"https://raw.githubusercontent.com/limecall/limecall-dotnet/{await HeadCommitAsync()}/", sourceLink, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task PackagedAssembly_IsADeterministicBuild(string id)
    {
        using var package = PackedPackages.Open(packages.PackagePath(id));
        using var dll = await CopyAsync(package.GetEntry($"lib/net10.0/{id}.dll")!);
        using var pe = new PEReader(dll);

        Assert.Contains(pe.ReadDebugDirectory(), entry => entry.Type == DebugDirectoryEntryType.Reproducible);
    }

    private static async Task<MemoryStream> CopyAsync(ZipArchiveEntry entry)
    {
        var copy = new MemoryStream();
        await using (var stream = entry.Open())
        {
            await stream.CopyToAsync(copy);
        }

        copy.Position = 0;
        return copy;
    }

    private static async Task<string> HeadCommitAsync()
    {
        var (exitCode, output) = await ChildProcess.RunAsync("git", ["rev-parse", "HEAD"]);
        Assert.True(exitCode == 0, output);
        return output.Trim();
    }
}
