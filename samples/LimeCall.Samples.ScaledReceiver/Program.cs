using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.PostgreSql;
using LimeCall.Sdk.Samples.ScaledReceiver;
using LimeCall.Sdk.Webhooks.Events;
using Npgsql;

// One instance of a receiver that runs as several. Each instance has its own process and connection pool;
// what they share is PostgreSQL: the idempotency claims (limecall_idempotency) and the app's own data
// (follow_ups). Start two with run-two-instances.sh to watch concurrent and retried deliveries of the same
// event, sent to both instances, produce exactly one follow-up each.
var builder = WebApplication.CreateSlimBuilder(args);

var connectionString = builder.Configuration.GetConnectionString("LimeCall")
    ?? throw new InvalidOperationException("Set ConnectionStrings:LimeCall (for example ConnectionStrings__LimeCall=\"Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres\").");
builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
builder.Services.AddLimeCallPostgreSqlIdempotencyStore(
    sp => sp.GetRequiredService<NpgsqlDataSource>(),
    configureIdempotency: o => o.Namespace = "scaled-receiver");
builder.Services.AddLimeCallWebhooks()
    .AddHandler<CallMissedEvent, CallMissedHandler>();
builder.Services.AddOptions<SampleOptions>().BindConfiguration(SampleOptions.SectionName);
builder.Services.AddSingleton<FollowUpTable>();

var app = builder.Build();

// Schema: the store's table (also available as a script, PostgreSqlIdempotencyStore.GetSchemaScript(), for
// migrations), and this app's table. Both statements are idempotent.
await app.Services.GetRequiredService<PostgreSqlIdempotencyStore>().EnsureSchemaAsync();
await app.Services.GetRequiredService<FollowUpTable>().EnsureCreatedAsync();

app.MapLimeCallWebhooks("/webhooks/limecall");
app.MapGet("/follow-ups/summary", async (string? prefix, FollowUpTable table, CancellationToken ct) => Results.Text(await table.SummaryAsync(prefix ?? string.Empty, ct) + "\n"));
app.MapGet("/healthz", () => Results.Text("ok\n"));

app.Run();
