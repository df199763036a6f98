using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LimeCall.Sdk.PostgreSql;
using Npgsql;
using Xunit;

namespace LimeCall.Sdk.TestKit;

/// <summary>
/// A real PostgreSQL server for the tests: the one named by <c>LIMECALL_TEST_POSTGRES</c>, or a throwaway
/// cluster started from the installed binaries in a temporary folder on a free 127.0.0.1 port, run as the
/// <c>postgres</c> user when the tests run as root (initdb refuses root), and removed afterwards.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    // Clusters whose test process died without disposing them (killed by a timeout, a crash, a mutation run's
    // restarts): each new test process stops and removes them once, before it starts its own.
    private static readonly Lazy<int> Reaped = new(ReapOrphanedClusters);
    private string? _dataDirectory;

    /// <summary>Gets the connection string; empty when the PostgreSQL tests are skipped.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Starts (or connects to) the server and creates the idempotency table.</summary>
    /// <returns>A task that completes when the server is ready.</returns>
    public async Task InitializeAsync()
    {
        if (PostgreSqlAvailability.ExternalConnectionString is { } external)
        {
            ConnectionString = external;
        }
        else if (PostgreSqlAvailability.SkipReason is not null)
        {
            return;
        }
        else
        {
            ConnectionString = StartCluster();
        }

        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await new PostgreSqlIdempotencyStore(dataSource, new()).EnsureSchemaAsync();
    }

    /// <summary>Stops a server this fixture started and removes its files.</summary>
    /// <returns>A completed task.</returns>
    public Task DisposeAsync()
    {
        if (_dataDirectory is not null)
        {
            var bin = PostgreSqlAvailability.BinaryDirectory!;
            Run(Path.Combine(bin, "pg_ctl"), "-D", _dataDirectory, "-m", "immediate", "-w", "stop");
            Directory.Delete(_dataDirectory, recursive: true);
            File.Delete(OwnerFile(_dataDirectory));
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops and removes every cluster of this kit whose owning process is gone; returns how many.</summary>
    private static int ReapOrphanedClusters()
    {
        var reaped = 0;
        foreach (var owner in Directory.EnumerateFiles(Path.GetTempPath(), "limecall-pg-*.owner"))
        {
            var directory = owner[..^".owner".Length];
            if (!int.TryParse(File.ReadAllText(owner), out var pid) || Directory.Exists($"/proc/{pid}"))
            {
                continue;
            }

            if (File.Exists(Path.Combine(directory, "postmaster.pid")) && PostgreSqlAvailability.BinaryDirectory is { } bin)
            {
                Run(Path.Combine(bin, "pg_ctl"), "-D", directory, "-m", "immediate", "-w", "stop");
            }

            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            File.Delete(owner);
            reaped++;
        }

        return reaped;
    }

    /// <summary>Beside the data directory (initdb wants that one empty): the id of the process that owns the cluster.</summary>
    private static string OwnerFile(string dataDirectory) => dataDirectory + ".owner";

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Run(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Environment.IsPrivilegedProcess)
        {
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", "postgres", "--", executable })
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = executable;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(executable)} failed ({process.ExitCode}): {error}");
        }

        return output.Result;
    }

    private string StartCluster()
    {
        var bin = PostgreSqlAvailability.BinaryDirectory
            ?? throw new InvalidOperationException(
                $"PostgreSQL is required ({PostgreSqlAvailability.RequireVariable}=1) but no server binaries were found: " +
                $"install Debian's postgresql package or set {PostgreSqlAvailability.ConnectionStringVariable}.");
        _ = Reaped.Value;
        _dataDirectory = Directory.CreateTempSubdirectory("limecall-pg-").FullName;
        File.WriteAllText(OwnerFile(_dataDirectory), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Environment.IsPrivilegedProcess)
        {
            using var chown = Process.Start("chown", ["-R", "postgres:postgres", _dataDirectory]);
            chown.WaitForExit();
        }

        Run(Path.Combine(bin, "initdb"), "-D", _dataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--no-instructions");
        var port = FreeLoopbackPort();
        Run(
            Path.Combine(bin, "pg_ctl"),
            "-D", _dataDirectory,
            "-l", Path.Combine(_dataDirectory, "server.log"),
            "-w", "-t", "60",
            "-o", $"-p {port} -k {_dataDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            "start");
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Maximum Pool Size=50";
    }
}
