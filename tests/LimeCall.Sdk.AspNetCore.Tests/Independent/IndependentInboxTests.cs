using System.Diagnostics;
using System.Text.Json;
using LimeCall.Sdk.PostgreSql;
using LimeCall.Sdk.Testing;
using LimeCall.Sdk.TestKit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LimeCall.Sdk.AspNetCore.Tests.Independent;

/// <summary>
/// The inbox checked by a client that shares no code with the SDK: Python signs and posts each event twice at once and
/// again later, then reads the table with psql.
/// </summary>
[RequiresPostgreSql]
[Collection(PostgreSqlGroup.Name)]
public sealed class IndependentInboxTests(PostgreSqlServer server)
{
    [StoreFact]
    public async Task PythonClient_EachEventIsAcceptedOnceAndStoredOnceByteForByte()
    {
        const string Secret = "whsec_python_inbox";
        var ns = "py" + Guid.NewGuid().ToString("N")[..10];
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ListenOnLoopback();
        builder.Logging.ClearProviders();
        builder.Services.AddLimeCallPostgreSqlInbox(server.ConnectionString, o => o.Namespace = ns);
        builder.Services.AddLimeCallWebhooks(o => o.Secrets.Add(Secret)).UseInbox();
        await using var app = builder.Build();
        app.MapLimeCallWebhooks();
        await app.Services.GetRequiredService<PostgreSqlWebhookInbox>().EnsureSchemaAsync();
        await app.StartAsync();

        var connection = new NpgsqlConnectionStringBuilder(server.ConnectionString);
        var psql = PostgreSqlAvailability.BinaryDirectory is { } bin ? Path.Combine(bin, "psql") : "psql";
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["PGPASSWORD"] = connection.Password ?? string.Empty;
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Independent", "inbox_client.py"), new Uri(app.GetLoopbackAddress(), "webhooks/limecall").ToString(), Secret,
            psql, connection.Host!, connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), connection.Username ?? "postgres", connection.Database ?? "postgres", ns,
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var python = Process.Start(start) ?? throw new InvalidOperationException("python3 could not be started; it is part of this machine's base image.");
        var output = await python.StandardOutput.ReadToEndAsync();
        var errors = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, errors);

        var found = JsonDocument.Parse(output).RootElement;
        Assert.Equal(12, found.GetProperty("accepted_once").GetInt32()); // exactly one 202 per event, the copies 200
        Assert.Equal(12, found.GetProperty("stored_once").GetInt32());
        Assert.True(found.GetProperty("bodies_match").GetBoolean());
        Assert.Equal(0, found.GetProperty("other_rows").GetInt32());
    }
}
