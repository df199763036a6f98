using System.Reflection;
using LimeCall.Sdk.Tests.Shared;

namespace LimeCall.Sdk.Distribution.Tests;

/// <summary>Where the repository's samples, sources and build outputs are.</summary>
internal static class Repository
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(TestProject.Directory, "..", ".."));

    /// <summary>Gets the configuration the solution was built in (the tests use its outputs).</summary>
    public static string Configuration { get; } = typeof(Repository).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => string.Equals(a.Key, "Configuration", StringComparison.Ordinal))
        .Value!;

    public static string Sample(string name) => Path.Combine(Root, "samples", name);

    /// <summary>Gets a sample's built output folder (what <c>dotnet run</c> would start).</summary>
    public static string SampleOutput(string name) => Path.Combine(Sample(name), "bin", Configuration, "net10.0");

    public static string SampleDll(string name) => Path.Combine(SampleOutput(name), name + ".dll");
}
