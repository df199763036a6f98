using System.Text.RegularExpressions;

namespace LimeCall.Sdk.Distribution.Tests;

/// <summary>
/// Every C# block in README.md and docs/*.md is compiled code: it follows a <c>&lt;!-- snippet: name --&gt;</c>
/// marker and equals the <c>#region name</c> of Snippets/DocSnippets.cs, which this project compiles.
/// </summary>
public sealed partial class DocumentationTests
{
    public static TheoryData<string> Documents => [.. new[] { "README.md" }.Concat(
        Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md").Select(p => Path.GetRelativePath(Repository.Root, p)).Order(StringComparer.Ordinal))];

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryCSharpBlock_IsACompiledSnippet(string document)
    {
        var markdown = File.ReadAllText(Path.Combine(Repository.Root, document));
        var regions = Regions(File.ReadAllText(Path.Combine(LimeCall.Sdk.Tests.Shared.TestProject.Directory, "Snippets", "DocSnippets.cs")));

        var blocks = CSharpBlock().Matches(markdown);
        var fences = AnyCSharpFence().Count(markdown);
        Assert.True(blocks.Count == fences, $"{document}: {fences} C# fences (```csharp, ```cs, ```c#) but {blocks.Count} checked; write C# blocks as ```csharp");
        foreach (Match block in blocks)
        {
            var name = block.Groups["name"].Value;
            Assert.True(name.Length > 0, $"{document}: a C# block without a '<!-- snippet: name -->' marker:\n{block.Groups["code"].Value}");
            Assert.True(regions.TryGetValue(name, out var region), $"{document}: no #region {name} in Snippets/DocSnippets.cs");
            Assert.Equal(region, Normalize(block.Groups["code"].Value));
        }
    }

    [Fact]
    public void EveryDocsPage_IsLinkedFromTheReadme()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));

        foreach (var page in Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md"))
        {
            Assert.Contains("(docs/" + Path.GetFileName(page) + ")", readme, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> Regions(string source) => RegionBlock().Matches(source)
        .ToDictionary(m => m.Groups["name"].Value, m => Normalize(m.Groups["code"].Value), StringComparer.Ordinal);

    // Removes the common indentation and trailing spaces, so a region inside a method equals its markdown copy.
    private static string Normalize(string code)
    {
        var lines = code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var indent = lines.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length == 0 ? l : l[indent..]));
    }

    [GeneratedRegex(@"(?:<!-- snippet: (?<name>[\w-]+) -->\s*\n)?```csharp\n(?<code>.*?)```", RegexOptions.Singleline | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^```(csharp|cs|c#)\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AnyCSharpFence();

    [GeneratedRegex(@"#region (?<name>[\w-]+)\s*\n(?<code>.*?)\n\s*#endregion", RegexOptions.Singleline | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex RegionBlock();
}
