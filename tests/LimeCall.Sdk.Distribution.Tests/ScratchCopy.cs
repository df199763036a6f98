namespace LimeCall.Sdk.Distribution.Tests;

/// <summary>
/// A copy of part of the repository in a temporary folder (sources and build files, no bin/ or obj/), for
/// commands that would otherwise rebuild the outputs other test processes are reading, such as a publish
/// with a runtime identifier. Deleted on dispose.
/// </summary>
internal sealed class ScratchCopy : IDisposable
{
    private static readonly string[] RootFiles = ["Directory.Build.props", "Directory.Packages.props", "global.json", "nuget.config", ".editorconfig"];

    private ScratchCopy(string root) => Root = root;

    public string Root { get; }

    public static ScratchCopy Create(params string[] directories)
    {
        var root = Directory.CreateTempSubdirectory("limecall-scratch-").FullName;
        foreach (var file in RootFiles)
        {
            File.Copy(Path.Combine(Repository.Root, file), Path.Combine(root, file));
        }

        foreach (var directory in directories)
        {
            CopyDirectory(Path.Combine(Repository.Root, directory), Path.Combine(root, directory));
        }

        return new ScratchCopy(root);
    }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var sub in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(sub);
            if (name is not ("bin" or "obj"))
            {
                CopyDirectory(sub, Path.Combine(to, name));
            }
        }
    }
}
