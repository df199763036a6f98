using LimeCall.Sdk.Testing.Sender;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.Testing.Emulator;

/// <summary>
/// An in-process LimeCall API on Kestrel at 127.0.0.1 (a free port): <c>POST /v1/callbacks</c> and the
/// lead-capture inbound webhook, with Bearer authentication and the documented success and error bodies,
/// and the callback lifecycle (<c>call.initiated</c>, <c>call.connected</c>, then <c>call.completed</c> or
/// <c>call.missed</c>) delivered through a <see cref="LimeCallWebhookSender"/> to registered endpoints.
/// </summary>
/// <remarks>
/// <para>
/// The product documents do not give the callback API's response, so the emulator defines one:
/// <c>201</c> with <c>{"id", "status": "queued" | "scheduled", "customer_number", "team_number",
/// "scheduled_at", "due_at"}</c>; errors use the inbound-webhook document's shape
/// <c>{"status": "error", "message", "details"}</c> with 400 (not JSON), 401 (token), 415 (not JSON
/// content), 422 (validation). A repeated <c>Idempotency-Key</c> replays the first answer and never
/// creates a second callback.
/// </para>
/// <para>Everything timed (scheduled callbacks, business hours, ringing, call length, webhook retries) runs on the injected <see cref="TimeProvider"/>.</para>
/// <para>This class is the host: Kestrel on loopback, the public surface and the wiring. The endpoints are
/// <c>EmulatorApi</c> (with the request rules in <c>CallbackRequestRules</c> and <c>LeadCaptureRules</c>), the call lifecycle
/// is the state machine <c>CallLifecycle</c>.</para>
/// </remarks>
public sealed class LimeCallApiEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorApi _api;
    private readonly CallLifecycle _calls;
    private readonly IdSequence _ids = new();
    private readonly Lock _gate = new();
    private readonly List<Uri> _webhooks = [];
    private readonly TimeProvider _time;

    private LimeCallApiEmulator(WebApplication app, LimeCallApiEmulatorOptions options, TimeProvider time, ILoggerFactory? loggers)
    {
        _app = app;
        _time = time;
        WebhookSender = new LimeCallWebhookSender(new() { Secret = options.WebhookSecret, Schedule = options.WebhookSchedule }, time, logger: loggers?.CreateLogger<LimeCallWebhookSender>());
        _calls = new CallLifecycle(options, time, _ids, Emit);
        var logger = (ILogger?)loggers?.CreateLogger<LimeCallApiEmulator>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _api = new EmulatorApi(options, time, _calls, _ids, Emit, logger);
    }

    /// <summary>Gets the API's base address, for example <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets the URL of the lead-capture inbound webhook.</summary>
    public Uri LeadCaptureUrl => new(BaseAddress, EmulatorApi.LeadCapturePath);

    /// <summary>Gets the sender that delivers lifecycle webhooks, whose delivery log tests can inspect.</summary>
    public LimeCallWebhookSender WebhookSender { get; }

    /// <summary>Gets every request received so far.</summary>
    public IReadOnlyList<EmulatorRequest> Requests => _api.Requests;

    /// <summary>Gets every callback created so far.</summary>
    public IReadOnlyList<EmulatedCallback> Callbacks => _calls.Callbacks;

    /// <summary>Gets every lead captured so far, as the fields received.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Leads => _api.Leads;

    /// <summary>Gets the lifecycle, for tests of the emulator itself.</summary>
    internal CallLifecycle Lifecycle => _calls;

    /// <summary>Starts an emulator on a free loopback port.</summary>
    /// <param name="options">Token, secrets, business hours and call script; defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Where each API request and each lifecycle webhook attempt is logged; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running emulator.</returns>
    /// <exception cref="ArgumentException">The options are not valid (no API token, a negative ring time, ...).</exception>
    public static async Task<LimeCallApiEmulator> StartAsync(LimeCallApiEmulatorOptions? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        options ??= new LimeCallApiEmulatorOptions();
        OptionsValidation.ThrowIfInvalid(new LimeCallApiEmulatorOptionsValidator(), options, nameof(options));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ListenOnLoopback(options.Port);
        var app = builder.Build();
        var emulator = new LimeCallApiEmulator(app, options, timeProvider ?? TimeProvider.System, loggerFactory);
        app.MapPost("/v1/callbacks", emulator._api.CreateCallbackAsync);
        app.MapPost(EmulatorApi.LeadCapturePath, emulator._api.CaptureLeadAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        emulator.BaseAddress = app.GetLoopbackAddress();
        return emulator;
    }

    /// <summary>Delivers lifecycle webhooks (and <c>lead.captured</c>) to an endpoint from now on.</summary>
    /// <param name="endpoint">The receiver's URL.</param>
    public void RegisterWebhook(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        lock (_gate)
        {
            _webhooks.Add(endpoint);
        }
    }

    /// <summary>Answers the next <c>POST /v1/callbacks</c> with a fault; several queue in order.</summary>
    /// <param name="fault">The fault.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fault"/> is <see cref="EmulatedApiFault.None"/> or not a defined fault.</exception>
    public void InjectFault(EmulatedApiFault fault)
    {
        if (fault is EmulatedApiFault.None || !Enum.IsDefined(fault))
        {
            throw new ArgumentOutOfRangeException(nameof(fault), fault, "Name the fault to inject.");
        }

        _api.InjectFault(fault);
    }

    /// <summary>Stops the server, the timers and the webhook sender.</summary>
    /// <returns>A task that completes when everything has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        _calls.Dispose();
        await WebhookSender.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Sends an event (with a new id, at the emulator's time) to every registered endpoint.</summary>
    private void Emit(LimeCallEventData data)
    {
        var webhookEvent = new LimeCallEvent(data) { Id = $"evt_{_ids.Next():D8}", Timestamp = _time.GetUtcNow() };
        Uri[] endpoints;
        lock (_gate)
        {
            endpoints = [.. _webhooks];
        }

        foreach (var endpoint in endpoints)
        {
            WebhookSender.Send(endpoint, webhookEvent);
        }
    }
}
