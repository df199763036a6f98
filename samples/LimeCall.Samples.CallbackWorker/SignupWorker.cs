using LimeCall.Sdk.Client;
using Microsoft.Extensions.Options;

namespace LimeCall.Sdk.Samples.CallbackWorker;

/// <summary>Turns each sign-up into a LimeCall lead and a callback; stops the app when the inbox is closed.</summary>
public sealed partial class SignupWorker(
    SignupInbox inbox,
    LimeCallClient limeCall,
    IOptions<WorkerOptions> options,
    WorkerReport report,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<SignupWorker> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var signup in inbox.Reader.ReadAllAsync(stoppingToken))
            {
                await ProcessAsync(signup, stoppingToken);
            }
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    private async Task ProcessAsync(Signup signup, CancellationToken cancellationToken)
    {
        try
        {
            if (options.Value.LeadCaptureUrl is { } leadCaptureUrl)
            {
                var lead = await limeCall.CaptureLeadAsync(
                    leadCaptureUrl,
                    new LeadCaptureRequest
                    {
                        HookName = "website-signup",
                        Name = signup.Name,
                        Phone = signup.Phone,
                        CountryCode = signup.CountryCode,
                        Email = signup.Email,
                        SubmittedAt = time.GetUtcNow(),
                        AutoCallback = false, // this worker schedules the call itself, below
                    },
                    LeadCaptureFormat.Json,
                    cancellationToken);
                report.Lead($"lead     {signup.Name}: {lead.Status}");
            }

            var callback = await limeCall.CreateCallbackAsync(
                new CallbackRequest { CustomerNumber = signup.CountryCode + " " + signup.Phone, TeamNumber = options.Value.TeamNumber, ScheduledAt = signup.CallAt },
                cancellationToken);
            report.Callback($"callback {signup.Name}: {callback.Id} {callback.Status}" + (callback.DueAt is { } due ? $" at {due:u}" : string.Empty));
        }
        catch (LimeCallValidationException e)
        {
            // Rejected before anything was sent (or by LimeCall with 422): retrying cannot help. Tell a human.
            LogRejected(logger, signup.Name, e.ParameterName, e.Message);
            report.Reject($"rejected {signup.Name}: {e.ParameterName} ({e.Message})");
        }
        catch (LimeCallOutcomeUnknownException e)
        {
            // The request may have reached LimeCall. Do not blindly resend without the key: store it and reconcile,
            // or resend with CallbackRequest.IdempotencyKey = e.IdempotencyKey, which LimeCall deduplicates.
            LogUnknown(logger, signup.Name, e.IdempotencyKey);
            report.Fail($"unknown  {signup.Name}: reconcile with key {e.IdempotencyKey}");
        }
        catch (LimeCallApiException e)
        {
            // Authentication, rate limited beyond the retry budget, or a LimeCall error: the message says which.
            LogFailed(logger, signup.Name, e.StatusCode, e.Message);
            report.Fail($"failed   {signup.Name}: {e.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-up from {Name} rejected: {Parameter}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string name, string? parameter, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Callback for {Name} has an unknown outcome; reconcile with idempotency key {IdempotencyKey}")]
    private static partial void LogUnknown(ILogger logger, string name, string? idempotencyKey);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sign-up from {Name} failed with status {StatusCode}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string name, int? statusCode, string reason);
}
