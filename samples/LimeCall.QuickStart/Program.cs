using LimeCall.Sdk;
using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.Client;
using LimeCall.Sdk.Testing;
using LimeCall.Sdk.Testing.Emulator;
using LimeCall.Sdk.Testing.Sender;
using LimeCall.Sdk.Webhooks.Events;
using LimeCall.QuickStart;

// The LimeCall.Sdk quick start: the whole SDK in one run, on loopback, with no real calls.
//
//   1. the LimeCall API emulator starts on 127.0.0.1 (LimeCall.Sdk.Testing);
//   2. a webhook receiver starts on 127.0.0.1 (LimeCall.Sdk.AspNetCore: verify, parse, process once);
//   3. the typed client asks the emulator for an instant callback (LimeCall.Sdk);
//   4. the emulator "rings" and sends call.initiated, call.connected and call.completed, signed;
//   5. the CRM handler fails on call.completed once: the receiver answers 500, LimeCall retries, it succeeds;
//   6. LimeCall resends call.completed by hand: the receiver answers 200 and does not process it again.
//
// Exits 0 when every event was processed exactly once; prints what each delivery attempt got.

const string WebhookSecret = "whsec_quickstart";
const string ApiToken = "lc_quickstart_token";
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

// 1. The emulator: a real HTTP server on loopback, with LimeCall's retry schedule sped up to seconds.
await using var api = await LimeCallApiEmulator.StartAsync(new()
{
    ApiToken = ApiToken,
    WebhookSecret = WebhookSecret,
    RingTime = TimeSpan.FromMilliseconds(300),
    CallDuration = TimeSpan.FromSeconds(1),
    WebhookSchedule = new WebhookRetrySchedule(
        "LimeCall's schedule, in seconds instead of minutes",
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)],
        WebhookRetryCondition.AnyFailure),
});
Console.WriteLine($"LimeCall API emulator   {api.BaseAddress}");

// 2. The receiver: what your service adds to its Program.cs.
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.ListenOnLoopback();   // Kestrel on 127.0.0.1, a free port
builder.Logging.ClearProviders();
builder.Services.AddSingleton<Journal>();
builder.Services.AddLimeCallIdempotency();
builder.Services.AddLimeCallWebhooks(o => o.Secrets.Add(WebhookSecret))
    .AddHandler<CallEvent, CallTimelineHandler>()
    .AddHandler<CallCompletedEvent, CrmSyncHandler>();

// 3a. The typed client, in the same service: production reads LimeCall:ApiToken from configuration.
builder.Services.AddLimeCallClient(o =>
{
    o.BaseAddress = api.BaseAddress;
    o.ApiToken = ApiToken;
});
await using var receiver = builder.Build();
receiver.MapLimeCallWebhooks("/webhooks/limecall");
await receiver.StartAsync(timeout.Token);
var webhookUrl = new Uri(receiver.GetLoopbackAddress(), "webhooks/limecall");
Console.WriteLine($"webhook receiver        {webhookUrl}");
api.RegisterWebhook(webhookUrl);

// 3b. What your service does when a lead asks to be called back.
var client = receiver.Services.GetRequiredService<LimeCallClient>();
var callback = await client.CreateCallbackAsync(new() { CustomerNumber = "+1 (415) 555-0123", TeamNumber = "+14155550100" }, timeout.Token);
Console.WriteLine($"callback requested      {callback.Id} ({callback.Status}), idempotency key {callback.IdempotencyKey}");
Console.WriteLine();

// 4 and 5. Wait until the receiver has processed the whole call, then until LimeCall has nothing left to send.
var journal = receiver.Services.GetRequiredService<Journal>();
await journal.CallCompleted.Task.WaitAsync(timeout.Token);
await api.WebhookSender.WhenIdleAsync().WaitAsync(timeout.Token);

// 6. A manual redelivery of call.completed, as from LimeCall's dashboard.
var completed = api.WebhookSender.Messages.Single(m => string.Equals(m.EventType, LimeCallEventTypes.CallCompleted, StringComparison.Ordinal));
await api.WebhookSender.RedeliverAsync(completed, timeout.Token);

foreach (var message in api.WebhookSender.Messages)
{
    Console.WriteLine($"{message.EventType} ({message.EventId})");
    foreach (var attempt in message.Attempts)
    {
        var meaning = attempt switch
        {
            { StatusCode: 500 } => "a handler failed: the event was released, LimeCall retries",
            { Trigger: WebhookDeliveryTrigger.Manual, StatusCode: 200 } => "resent by hand: a duplicate, acknowledged without running handlers",
            { StatusCode: 200 } => "verified, parsed, processed",
            _ => attempt.Error ?? "unexpected",
        };
        Console.WriteLine($"  attempt {attempt.Number} -> {attempt.StatusCode}  {meaning}");
    }
}

Console.WriteLine();
Console.WriteLine("processed by the receiver's handlers:");
foreach (var line in journal.Lines)
{
    Console.WriteLine($"  {line}");
}

// The checks a reader can trust: each event processed once, one retried failure, one duplicate answered 200.
var failures = new List<string>();
string[] lifecycle = [LimeCallEventTypes.CallInitiated, LimeCallEventTypes.CallConnected, LimeCallEventTypes.CallCompleted];
if (!journal.Timeline.Select(e => e.Type).Order(StringComparer.Ordinal).SequenceEqual(lifecycle.Order(StringComparer.Ordinal), StringComparer.Ordinal)
    || journal.TimelineRuns != 4)
{
    failures.Add($"expected the 3 lifecycle events on the timeline, written 4 times (one retry), saw {journal.Timeline.Count} in {journal.TimelineRuns} runs");
}

if (journal.CrmSyncs != 1 || journal.CrmFailures != 1)
{
    failures.Add($"expected one failed then one successful CRM sync, saw {journal.CrmFailures} failed and {journal.CrmSyncs} done");
}

if (completed.Attempts is not [{ StatusCode: 500 }, { StatusCode: 200 }, { StatusCode: 200, Trigger: WebhookDeliveryTrigger.Manual }])
{
    failures.Add("expected call.completed to be answered 500, then 200 on the retry, then 200 (duplicate) on redelivery");
}

if (api.Callbacks is not [{ Status: EmulatedCallbackStatus.Completed }])
{
    failures.Add("expected exactly one callback, completed");
}

Console.WriteLine();
Console.WriteLine(failures.Count == 0 ? "Quick start OK." : "Quick start FAILED: " + string.Join("; ", failures));
await receiver.StopAsync(CancellationToken.None);
return failures.Count == 0 ? 0 : 1;
