using LimeCall.Receiver1;
using LimeCall.Sdk;
using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.Webhooks.Events;

// A LimeCall webhook receiver: every request's X-LimeCall-Signature is verified, the event is parsed into a typed
// record, each event is processed once (LimeCall retries and may deliver twice), and LimeCall's status codes are
// answered. The secret comes from configuration, LimeCall:Webhooks:Secrets: appsettings.Development.json holds one for
// your machine; in production set the environment variable LimeCall__Webhooks__Secrets__0. Without a secret the app
// refuses to start.
var builder = WebApplication.CreateSlimBuilder(args);

builder.Services.AddSingleton<FollowUps>();
builder.Services.AddLimeCallIdempotency();                  // each event processed once (in memory; PostgreSQL for several instances)
builder.Services.AddLimeCallWebhooks()                      // binds LimeCall:Webhooks
    .AddHandler<CallMissedEvent, CallMissedHandler>()       // typed
    .AddHandler<LimeCallEventData, LogEveryEventHandler>(); // every event, unknown types included

var app = builder.Build();

app.MapLimeCallWebhooks("/webhooks/limecall");
app.MapGet("/healthz", () => "ok");

app.Run();

/// <summary>The app's entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
