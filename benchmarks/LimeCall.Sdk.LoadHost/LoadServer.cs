using System.Globalization;
using System.Net;
using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.PostgreSql;
using LimeCall.Sdk.TestKit;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.LoadHost;

/// <summary>One server under load, in one of the modes benchmarks/README.md's load table lists.</summary>
internal static class LoadServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (mode, port, secret) = (args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3]);
        var postgres = mode is "postgres" or "inbox" ? await StartPostgresAsync() : null;
        try
        {
            return await ServeAsync(mode, port, secret, postgres?.ConnectionString);
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }
        }
    }

    private static async Task<int> ServeAsync(string mode, int port, string secret, string? connectionString)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        if (!IsBare(mode))
        {
            var webhooks = builder.Services.AddLimeCallWebhooks(o => o.Secrets.Add(secret)).AddHandler<CallCompletedEvent, NoOpHandler>();
            switch (mode)
            {
                case "receiver":
                    webhooks.AllowDuplicateProcessing();
                    break;
                case "idempotency":
                    // Small enough that a 10 s run fills it: every later event evicts the oldest completed one.
                    builder.Services.AddLimeCallIdempotency();
                    builder.Services.Configure<InMemoryIdempotencyStoreOptions>(o => o.Capacity = 20_000);
                    break;
                case "postgres":
                    builder.Services.AddLimeCallIdempotency();
                    builder.Services.AddLimeCallPostgreSqlIdempotencyStore(connectionString!);
                    break;
                case "inbox":
                    builder.Services.AddLimeCallPostgreSqlInbox(connectionString!);
                    webhooks.UseInbox();
                    break;
                default:
                    throw new ArgumentException($"Unknown mode '{mode}'.", nameof(mode));
            }
        }

        var app = builder.Build();
        await using (app.ConfigureAwait(false))
        {
            if (IsBare(mode))
            {
                app.MapPost("/webhooks/limecall", ReadAllAndAnswerOkAsync);
            }
            else
            {
                await EnsureSchemasAsync(app, mode);
                app.MapLimeCallWebhooks("/webhooks/limecall");
            }

            await app.StartAsync();
            Console.WriteLine($"listening {mode} {port}");
            await app.WaitForShutdownAsync();
        }

        return 0;
    }

    private static bool IsBare(string mode) => string.Equals(mode, "bare", StringComparison.Ordinal);

    /// <summary>The floor: read the whole body, answer 200. What any endpoint on this host does at least.</summary>
    private static async Task ReadAllAndAnswerOkAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted);
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
            }
        }
    }

    private static async Task<PostgreSqlServer> StartPostgresAsync()
    {
        var server = new PostgreSqlServer();
        await server.InitializeAsync();
        return server;
    }

    private static async Task EnsureSchemasAsync(WebApplication app, string mode)
    {
        if (string.Equals(mode, "postgres", StringComparison.Ordinal))
        {
            await app.Services.GetRequiredService<PostgreSqlIdempotencyStore>().EnsureSchemaAsync();
        }
        else if (string.Equals(mode, "inbox", StringComparison.Ordinal))
        {
            await app.Services.GetRequiredService<PostgreSqlWebhookInbox>().EnsureSchemaAsync();
        }
    }

    private sealed class NoOpHandler : ILimeCallWebhookHandler<CallCompletedEvent>
    {
        public Task HandleAsync(CallCompletedEvent data, LimeCallWebhookContext context) => Task.CompletedTask;
    }
}
