using LimeCall.Sdk;
using LimeCall.Sdk.Samples.CallbackWorker;

// A worker that turns website sign-ups into LimeCall leads and callbacks, with the typed client:
// validation before sending, retries only where they cannot ring a customer twice, and an idempotency
// key to reconcile with when the outcome is unknown.
//
// With LimeCall:UseEmulator=true (the Development default) it starts the LimeCall API emulator on loopback,
// so `dotnet run` works offline; in production set LimeCall:ApiToken and LimeCall:LeadCaptureUrl.
var builder = Host.CreateApplicationBuilder(args);
await using var emulation = await Emulation.StartIfConfiguredAsync(builder.Configuration);

builder.Services.AddLimeCallClient();                       // binds LimeCall: ApiToken, BaseAddress, timeouts, retries
builder.Services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.SectionName).ValidateOnStart();
builder.Services.AddSingleton<SignupInbox>();
builder.Services.AddSingleton<WorkerReport>();
builder.Services.AddHostedService<DemoSignups>();            // stands in for your queue consumer or web form
builder.Services.AddHostedService<SignupWorker>();

using var host = builder.Build();
var report = host.Services.GetRequiredService<WorkerReport>();
await host.RunAsync(); // returns when the worker has drained the inbox and stopped the application
Console.WriteLine(report.Summary());
var ok = report.Unexpected == 0 && (emulation is null || emulation.Confirms(report));
return ok ? 0 : 1;
