#pragma warning disable CA1822, CA1062, CA1848, CA1873, CA1715, MA0004, IDE0059 // documentation snippets: shown as a user writes them
using System.Diagnostics.Metrics;
using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.Client;
using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.PostgreSql;
using LimeCall.Sdk.Testing.Emulator;
using LimeCall.Sdk.Testing.Payloads;
using LimeCall.Sdk.Testing.Sender;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LimeCall.Sdk.Distribution.Tests.Snippets;

/// <summary>
/// Every C# block of README.md and docs/*.md, compiled. A block follows a <c>&lt;!-- snippet: name --&gt;</c>
/// marker and must equal the region of that name here (<see cref="DocumentationTests"/> checks it).
/// </summary>
internal sealed class DocSnippets
{
    public IResult Verify(byte[] body, HttpRequest request, string newSecret, string oldSecret)
    {
        #region verify
        // Create once (a singleton) and reuse: thread-safe and allocation-free per call.
        // Give two secrets while rotating; the result says which one matched.
        var verifier = new LimeCallSignatureVerifier(newSecret, oldSecret);

        var result = verifier.Verify(body, request.Headers[LimeCallWebhookHeaders.Signature].ToString());
        if (!result.IsValid)
        {
            // result.Outcome is Missing, Malformed, Mismatch or NotConfigured: answer 401, never throw.
            return Results.Unauthorized();
        }
        #endregion

        return Results.Ok();
    }

    public async Task<IResult> ParseAsync(byte[] body, ILogger logger, Func<string?, Task> callBack)
    {
        #region parse
        if (!LimeCallEventSerializer.Default.TryParse(body, out var evt, out var error))
        {
            return Results.BadRequest(); // error.Reason says why: NotJson, TypeMissing, TooDeep, ...
        }

        switch (evt.Data)
        {
            case CallMissedEvent missed:
                await callBack(missed.CallerNumber);
                break;
            case UnknownLimeCallEvent:
                logger.LogInformation("Acknowledging {Type}, unknown to this SDK version", evt.Type);
                break;
        }

        // evt.IdempotencyKey is the event id, or a SHA-256 of the body when the payload has no id.
        #endregion

        _ = error;
        return Results.Ok();
    }

    public async Task ReceiveIntoTheInboxAsync(WebApplicationBuilder builder)
    {
        #region inbox
        builder.Services.AddLimeCallPostgreSqlInbox(builder.Configuration.GetConnectionString("LimeCallInbox")!);
        builder.Services.AddLimeCallWebhooks()
            .AddHandler<CallMissedEvent, CallMeBackHandler>()
            .UseInbox();                          // 202 once stored; handlers run in the background, each call in order
        builder.Services.AddHealthChecks().AddLimeCallInbox();

        var app = builder.Build();
        await app.Services.GetRequiredService<PostgreSqlWebhookInbox>().EnsureSchemaAsync(); // or run Sql/create_inbox_table.sql
        app.MapLimeCallWebhooks("/webhooks/limecall");
        #endregion
    }

    public void Receive(WebApplicationBuilder builder)
    {
        #region receive
        builder.Services.AddLimeCallIdempotency();                    // each event processed once
        builder.Services.AddLimeCallWebhooks()                        // binds LimeCall:Webhooks (Secrets, BearerTokens, ...)
            .AddHandler<CallMissedEvent, CallMeBackHandler>()         // typed
            .AddHandler<LimeCallEventData, AuditEveryEventHandler>(); // catch-all, unknown types included

        var app = builder.Build();
        app.MapLimeCallWebhooks("/webhooks/limecall");
        #endregion
    }

    public void OwnEndpoint(WebApplication app)
    {
        #region own-endpoint
        app.UseRouting();
        app.UseLimeCallSignatureVerification();   // optional: refuse unsigned requests before your other middleware

        app.MapPost("/crm/limecall", (CallSummary summary) => Results.Ok())   // your own model binding
            .RequireLimeCallSignature();                                     // or [RequireLimeCallSignature] on an action
        #endregion
    }

    public async Task IdempotencyAsync(IdempotentProcessor processor, LimeCallEvent evt, Func<LimeCallEvent, CancellationToken, ValueTask> handleAsync, CancellationToken ct)
    {
        #region idempotency
        var result = await processor.ExecuteAsync(evt.IdempotencyKey, ct => handleAsync(evt, ct), ct);
        // result.Outcome: Executed, Duplicate, or InProgressElsewhere (answer 503 with result.RetryAfter)
        #endregion
    }

    public void Stores(IServiceCollection services, string connectionString)
    {
        #region stores
        services.AddLimeCallIdempotency(o => o.Namespace = "orders-api");                 // one instance
        services.AddLimeCallPostgreSqlIdempotencyStore(connectionString,                   // several instances
            configureIdempotency: o => o.Namespace = "orders-api");
        #endregion
    }

    public void RegisterClient(IServiceCollection services)
    {
        #region client-registration
        services.AddLimeCallClient();   // binds LimeCall: ApiToken (required), BaseAddress, timeouts, retries
        #endregion
    }

    public async Task CreateCallbackAsync(LimeCallClient client, CancellationToken ct)
    {
        #region create-callback
        var callback = await client.CreateCallbackAsync(new()
        {
            CustomerNumber = "+1 (415) 555-0123",   // normalised to E.164, or rejected before sending
            TeamNumber = "+14155550100",
            ScheduledAt = DateTimeOffset.Parse("2030-01-31T09:30:00-05:00", System.Globalization.CultureInfo.InvariantCulture),
        }, ct);
        #endregion
    }

    public async Task<string?> OutcomeUnknownAsync(LimeCallClient client, CallbackRequest request, CancellationToken ct)
    {
        #region outcome-unknown
        try
        {
            await client.CreateCallbackAsync(request, ct);
        }
        catch (LimeCallOutcomeUnknownException e)
        {
            // LimeCall may or may not have the callback. Sending again with the same key is safe:
            request.IdempotencyKey = e.IdempotencyKey;
            await client.CreateCallbackAsync(request, ct);
        }
        #endregion

        return request.IdempotencyKey;
    }

    public async Task CaptureLeadAsync(LimeCallClient client, Uri leadCaptureUrl, TimeProvider time, CancellationToken ct)
    {
        #region capture-lead
        var lead = await client.CaptureLeadAsync(leadCaptureUrl, new LeadCaptureRequest
        {
            HookName = "website-signup",
            Name = "Ada Lovelace",
            CountryCode = "+44",
            Phone = "20 7183 8750",
            SubmittedAt = time.GetUtcNow(),
            AutoCallback = true,                   // is_auto: LimeCall rings the lead straight away
        }, LeadCaptureFormat.Form, ct);            // or Json: the same fields, the same meaning
        // lead.AutoCallback == "initiated"
        #endregion
    }

    public async Task TestWithSenderAsync(Uri receiverUrl, TimeProvider time)
    {
        #region test-sender
        await using var sender = new LimeCallWebhookSender(new() { Secret = "whsec_test" }, time);
        var message = sender.SendTestEvent(receiverUrl, LimeCallEventTypes.CallMissed, LimeCallPayloadShape.Flat);
        var state = await message.WhenFinishedAsync();   // message.Attempts is the delivery log

        // Faults LimeCall's network produces: duplicates, bad signatures, dropped connections, slow bodies.
        sender.Send(receiverUrl, LimeCallSamplePayloads.Get(LimeCallEventTypes.CallCompleted).Utf8Json, new() { Faults = WebhookDeliveryFaults.Duplicate });
        #endregion
    }

    // "Program" is the app under test's entry point, as in a user's test project.
    public async Task TestWithFactoryAsync<Program>()
        where Program : class
    {
        #region test-factory
        // Your app on WebApplicationFactory's in-memory server; LimeCall's retry schedule on FakeTimeProvider.
        var time = new FakeTimeProvider();
        await using var factory = new WebApplicationFactory<Program>();
        await using var app = factory.WithWebHostBuilder(web => web.ConfigureServices(s => s.AddSingleton<TimeProvider>(time)));
        await using var sender = new LimeCallWebhookSender(new() { Secret = "whsec_test" }, time, handler: app.Server.CreateHandler());

        var message = sender.SendTestEvent(new Uri(app.Server.BaseAddress, "webhooks/limecall"), LimeCallEventTypes.CallMissed);
        await message.WhenAttemptsAsync(1);      // the first attempt is answered and logged ...
        time.Advance(TimeSpan.FromMinutes(1));   // ... so the clock may move: a failed attempt's retry goes now
        var state = await message.WhenFinishedAsync();
        #endregion
    }

    public async Task TestWithEmulatorAsync(Uri receiverUrl)
    {
        #region test-emulator
        await using var api = await LimeCallApiEmulator.StartAsync(new() { ApiToken = "test", WebhookSecret = "whsec_test" });
        api.RegisterWebhook(receiverUrl);          // call.initiated, call.connected, call.completed arrive here
        api.InjectFault(EmulatedApiFault.RateLimited); // the next request gets 429 with Retry-After
        // point the client at api.BaseAddress with ApiToken "test"; api.Callbacks is what LimeCall "has"
        #endregion
    }

    public void Observe()
    {
        #region observe
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == LimeCallDiagnostics.Name)   // "LimeCall.Sdk"
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Console.WriteLine($"{instrument.Name} +{value}"));
        listener.Start();
        #endregion
    }

    private sealed class CallMeBackHandler : ILimeCallWebhookHandler<CallMissedEvent>
    {
        public Task HandleAsync(CallMissedEvent data, LimeCallWebhookContext context) => Task.CompletedTask;
    }

    private sealed class AuditEveryEventHandler : ILimeCallWebhookHandler<LimeCallEventData>
    {
        public Task HandleAsync(LimeCallEventData data, LimeCallWebhookContext context) => Task.CompletedTask;
    }

    private sealed record CallSummary(string CallId);
}

#region inbox-transaction
/// <summary>Exactly once for writes to the inbox's database: the follow-up and "done" commit together, or neither does.</summary>
internal sealed class FollowUpHandler(Npgsql.NpgsqlDataSource database) : ILimeCallWebhookHandler<CallMissedEvent>
{
    public async Task HandleAsync(CallMissedEvent data, LimeCallWebhookContext context)
    {
        await using var connection = await database.OpenConnectionAsync(context.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(context.CancellationToken);
        await using (var insert = new Npgsql.NpgsqlCommand("INSERT INTO follow_ups (event_key, phone) VALUES (@key, @phone)", connection, transaction))
        {
            insert.Parameters.AddWithValue("key", context.IdempotencyKey);
            insert.Parameters.AddWithValue("phone", (object?)data.CallerNumber ?? DBNull.Value);
            await insert.ExecuteNonQueryAsync(context.CancellationToken);
        }

        // Last, just before the commit; false means another worker took the event over: roll back (dispose) instead.
        if (await context.Inbox!.CompleteInTransactionAsync(transaction, context.CancellationToken))
        {
            await transaction.CommitAsync(context.CancellationToken);
        }
    }
}
#endregion

#region handler
/// <summary>Resolved per request from DI: take scoped services (a DbContext) in the constructor.</summary>
internal sealed class CallMissedHandler(IFollowUps followUps) : ILimeCallWebhookHandler<CallMissedEvent>
{
    public async Task HandleAsync(CallMissedEvent data, LimeCallWebhookContext context)
    {
        // Throwing answers 500: the event is released and LimeCall's retry runs every handler of it again,
        // so write side effects keyed by context.IdempotencyKey (an upsert), or keep them in one handler.
        await followUps.UpsertAsync(context.IdempotencyKey, data.CallerNumber, context.CancellationToken);
    }
}
#endregion

internal interface IFollowUps
{
    Task UpsertAsync(string key, string? phone, CancellationToken cancellationToken);
}
