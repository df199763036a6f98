using System.Reflection;
using System.Text;
using PublicApiGenerator;

namespace LimeCall.Sdk.Tests.Shared;

/// <summary>
/// Compares an assembly's public surface, rendered by PublicApiGenerator (C# declarations with attributes such as
/// <c>[Flags]</c>, nullability and default values), with an approved file committed beside the tests, so that every
/// change of the public API shows up in review.
/// </summary>
internal static class PublicApiSnapshot
{
    // Assembly attributes carry build details (commit, paths) that change on every build: not API.
    private static readonly ApiGeneratorOptions Options = new() { IncludeAssemblyAttributes = false };

    /// <summary>
    /// Fails with a readable difference when <paramref name="assembly"/>'s public API differs from
    /// <c>PublicApi/{name}.approved.txt</c>. Writes <c>.received.txt</c> beside it to approve by copying.
    /// </summary>
    public static void AssertMatchesApproved(Assembly assembly)
    {
        var name = assembly.GetName().Name!;
        var folder = Path.Combine(TestProject.Directory, "PublicApi");
        var approvedPath = Path.Combine(folder, name + ".approved.txt");
        var receivedPath = Path.Combine(folder, name + ".received.txt");
        var actual = assembly.GeneratePublicApi(Options).ReplaceLineEndings("\n");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;

        if (string.Equals(actual, approved, StringComparison.Ordinal))
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(receivedPath, actual);
        var approvedLines = approved.Split('\n');
        var actualLines = actual.Split('\n');
        var diff = new StringBuilder()
            .AppendLine($"The public API of {name} changed. Review, then copy {receivedPath} over {approvedPath}.");
        foreach (var line in actualLines.Except(approvedLines, StringComparer.Ordinal))
        {
            diff.Append("+ ").AppendLine(line);
        }

        foreach (var line in approvedLines.Except(actualLines, StringComparer.Ordinal))
        {
            diff.Append("- ").AppendLine(line);
        }

        Assert.Fail(diff.ToString());
    }
}
