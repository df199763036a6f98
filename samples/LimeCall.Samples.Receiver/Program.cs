using System.Globalization;
using LimeCall.Sdk;
using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.Samples.Receiver;
using LimeCall.Sdk.Webhooks.Events;

// A LimeCall webhook receiver: verified (X-LimeCall-Signature), parsed into typed events, each event
// processed once, and the documented status codes. Secrets come from configuration
// (LimeCall:Webhooks:Secrets), never from code: see appsettings.Development.json for a local one,
// and set LimeCall__Webhooks__Secrets__0 in production.
//
// CreateBuilder, not CreateSlimBuilder: on the .NET 10.0.12 runtime packs, a trimmed self-contained app made
// with the slim builder fails at start-up inside Kestrel (TypeLoadException in X509Certificate2Collection);
// tests/LimeCall.Sdk.Distribution.Tests publishes this sample trimmed and would show it again.
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton<FollowUps>();
builder.Services.AddLimeCallIdempotency(o => o.Namespace = "sample-receiver");
builder.Services.AddLimeCallWebhooks()
    .AddHandler<CallMissedEvent, CallMissedHandler>()      // typed: a missed call becomes a follow-up
    .AddHandler<LeadCapturedEvent, LeadCapturedHandler>()  // typed: a new lead becomes a follow-up
    .AddHandler<LimeCallEventData, AuditHandler>();        // catch-all, unknown event types included

var app = builder.Build();

app.MapLimeCallWebhooks("/webhooks/limecall");

// A debugging view for Development only: what the handlers produced, so you (and try-it.sh) can see each event
// acted on exactly once. It lists event ids and reasons, never phone numbers or names, and it does not exist
// in Production: a sample is copied as a template, and an unauthenticated list of callers is a data leak.
if (app.Environment.IsDevelopment())
{
    app.MapGet("/follow-ups", (FollowUps queue) => Results.Text(
        "# Development only: follow-ups by event id (no personal data)\n" +
        string.Concat(queue.Items.Select(f => string.Create(CultureInfo.InvariantCulture, $"{Uri.EscapeDataString(f.EventId)} {f.Reason}\n")))));
}

app.MapGet("/healthz", () => Results.Text("ok\n"));

app.Run();
