using System.Reflection;

namespace LimeCall.Sdk.Tests.Shared;

/// <summary>Where the running test project's sources are, for files kept beside the tests.</summary>
internal static class TestProject
{
    /// <summary>Gets the test project's directory, as stamped into the assembly at build time.</summary>
    public static string Directory { get; } = typeof(TestProject).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => string.Equals(a.Key, "ProjectDirectory", StringComparison.Ordinal))
        .Value!;
}
