using System.IO.Compression;

namespace LimeCall.Sdk.Distribution.Tests;

/// <summary>The packages (libraries, tool, templates), packed once from the solution's build outputs into a temporary folder.</summary>
public sealed class PackedPackages : IAsyncLifetime
{
    /// <summary>The libraries.</summary>
    public static readonly string[] Ids = ["LimeCall.Sdk", "LimeCall.Sdk.AspNetCore", "LimeCall.Sdk.PostgreSql", "LimeCall.Sdk.Testing"];

    /// <summary>The limecall tool and the dotnet new templates: packages of their own kinds, packed beside the libraries.</summary>
    public static readonly string[] ToolAndTemplates = ["LimeCall.Cli", "LimeCall.Templates"];

    public string Folder { get; } = Directory.CreateTempSubdirectory("limecall-packages-").FullName;

    public string PackLog { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        foreach (var id in Ids.Concat(ToolAndTemplates))
        {
            var (exitCode, output) = await ChildProcess.RunAsync(
                "dotnet", ["pack", Path.Combine(Repository.Root, "src", id, id + ".csproj"), "-c", Repository.Configuration, "--no-build", "-o", Folder]);
            PackLog += output;
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {id} failed:\n{output}");
            }
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    public string PackagePath(string id) => Find(id, ".nupkg");

    /// <summary>Gets the version the packages were packed with (all the same).</summary>
    public string Version => Path.GetFileNameWithoutExtension(PackagePath("LimeCall.Sdk"))["LimeCall.Sdk.".Length..];

    public string SymbolsPath(string id) => Find(id, ".snupkg");

    // "LimeCall.Sdk.0.1.0.nupkg", not "LimeCall.Sdk.Testing.0.1.0.nupkg": the id is followed by the version's digit.
    private string Find(string id, string extension) => Directory.GetFiles(Folder, "*" + extension)
        .Single(path => Path.GetFileName(path) is var name
            && name.StartsWith(id + ".", StringComparison.Ordinal)
            && char.IsAsciiDigit(name[id.Length + 1])
            && name.EndsWith(extension, StringComparison.Ordinal));

    public static ZipArchive Open(string path) => ZipFile.OpenRead(path);
}

/// <summary>Every class that reads the packed files shares one <see cref="PackedPackages"/>: packing runs once.</summary>
[CollectionDefinition(Name)]
public sealed class SharedPackages : ICollectionFixture<PackedPackages>
{
    public const string Name = "Packed packages";
}
