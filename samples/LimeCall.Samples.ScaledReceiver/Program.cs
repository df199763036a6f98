using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.PostgreSql;
using LimeCall.Sdk.Samples.ScaledReceiver;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Npgsql;

// One instance of a receiver that runs as several, on the durable inbox. Each instance answers LimeCall as soon as an
// event is stored (202), and runs the handlers in the background; what the instances share is PostgreSQL: the inbox
// (limecall_inbox) and the app's own data (follow_ups). Start two with run-two-instances.sh to watch deliveries of the
// same event to both instances, at once and again later, be acknowledged in milliseconds while a 2-second handler
// produces exactly one follow-up per event.
var builder = WebApplication.CreateSlimBuilder(args);

var connectionString = builder.Configuration.GetConnectionString("LimeCall")
    ?? throw new InvalidOperationException("Set ConnectionStrings:LimeCall (for example ConnectionStrings__LimeCall=\"Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres\").");
builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
builder.Services.AddLimeCallPostgreSqlInbox(sp => sp.GetRequiredService<NpgsqlDataSource>(), o => o.Namespace = "scaled-receiver");
builder.Services.AddLimeCallWebhooks()
    .AddHandler<CallMissedEvent, CallMissedHandler>()
    .UseInbox(o => builder.Configuration.GetSection("Inbox").Bind(o)); // Inbox:Concurrency, Inbox:HoldWindow, ...
builder.Services.AddHealthChecks().AddLimeCallInbox();
builder.Services.AddOptions<SampleOptions>().BindConfiguration(SampleOptions.SectionName);
builder.Services.AddSingleton<FollowUpTable>();

var app = builder.Build();

// Schema: the inbox's table (also shipped as Sql/create_inbox_table.sql, for migrations), and this app's table. Both
// statements are idempotent and safe from several instances at once.
await app.Services.GetRequiredService<PostgreSqlWebhookInbox>().EnsureSchemaAsync();
await app.Services.GetRequiredService<FollowUpTable>().EnsureCreatedAsync();

app.MapLimeCallWebhooks("/webhooks/limecall");
app.MapGet("/follow-ups/summary", async (string? prefix, FollowUpTable table, CancellationToken ct) => Results.Text(await table.SummaryAsync(prefix ?? string.Empty, ct) + "\n"));
app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = (context, report) => context.Response.WriteAsync(report.Status + "\n") });

app.Run();
