namespace LimeCall.Sdk.TestKit;

/// <summary>
/// Whether PostgreSQL tests can run here: a server named by <c>LIMECALL_TEST_POSTGRES</c>, or server
/// binaries to start a throwaway one. With <c>LIMECALL_TESTS_REQUIRE_SERVERS=1</c> (set by <c>.ci/run</c>)
/// a missing server is a failure; without it, the tests are reported as skipped, never as passed.
/// </summary>
public static class PostgreSqlAvailability
{
    /// <summary>The variable holding a connection string to an existing server.</summary>
    public const string ConnectionStringVariable = "LIMECALL_TEST_POSTGRES";

    /// <summary>The variable that turns a missing server into a failure.</summary>
    public const string RequireVariable = "LIMECALL_TESTS_REQUIRE_SERVERS";

    /// <summary>Gets the connection string from <see cref="ConnectionStringVariable"/>, if set.</summary>
    public static string? ExternalConnectionString => Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } value ? value : null;

    /// <summary>Gets whether a missing server must fail the tests.</summary>
    public static bool Required => string.Equals(Environment.GetEnvironmentVariable(RequireVariable), "1", StringComparison.Ordinal);

    /// <summary>Gets the folder holding <c>initdb</c> and <c>pg_ctl</c>, newest version first, if any.</summary>
    public static string? BinaryDirectory { get; } = FindBinaries();

    /// <summary>Gets why PostgreSQL tests are skipped, or <see langword="null"/> when they run (and fail if the server cannot start).</summary>
    public static string? SkipReason => ExternalConnectionString is null && BinaryDirectory is null && !Required
        ? $"No PostgreSQL server: set {ConnectionStringVariable}, install PostgreSQL's server binaries, or set {RequireVariable}=1 to fail instead."
        : null;

    private static string? FindBinaries()
    {
        const string Root = "/usr/lib/postgresql";
        if (Directory.Exists(Root))
        {
            var found = Directory.GetDirectories(Root)
                .Select(v => Path.Combine(v, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .FirstOrDefault();
            if (found is not null)
            {
                return found;
            }
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
    }
}
