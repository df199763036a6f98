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
        }

        return Task.CompletedTask;
    }

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
        _dataDirectory = Directory.CreateTempSubdirectory("limecall-pg-").FullName;
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
