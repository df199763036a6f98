using LimeCall.Sdk.AspNetCore;
using LimeCall.Sdk.Samples.ControllerApp;

// An existing controller-based service that already has an endpoint LimeCall posts to
// (POST /integrations/limecall/call-report, bound to its own CallReport type). It keeps the controller,
// the route and the model binding, and adds one thing: requests must carry a valid X-LimeCall-Signature.
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddControllers();
builder.Services.AddSingleton<CallReportLog>();

// Reads LimeCall:Webhooks (Secrets, BearerTokens, MaxBodyBytes...). No handlers are registered: this app
// uses only the signature check, on the endpoints it marks with [RequireLimeCallSignature].
builder.Services.AddLimeCallWebhooks();

var app = builder.Build();

app.UseRouting();
app.UseLimeCallSignatureVerification(); // after UseRouting: it reads the endpoint's [RequireLimeCallSignature]
app.MapControllers();

app.Run();
