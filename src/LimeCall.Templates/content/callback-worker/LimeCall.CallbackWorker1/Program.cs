using LimeCall.CallbackWorker1;

// A worker that asks LimeCall to call customers back. The client is configured from LimeCall: (ApiToken, BaseAddress,
// timeouts, retries): set LimeCall__ApiToken in the environment, never in a file you commit. Without a token the app
// refuses to start.
var builder = Host.CreateApplicationBuilder(args);

builder.Services.AddCallbackWorker();

using var host = builder.Build();
await host.RunAsync();
