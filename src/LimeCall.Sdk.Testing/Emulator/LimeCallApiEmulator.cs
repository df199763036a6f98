using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using LimeCall.Sdk.Testing.Sender;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
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
/// </remarks>
public sealed class LimeCallApiEmulator : IAsyncDisposable
{
    private const string LeadCapturePath = "/inbound-webhooks/lead-capture";
    private const int MaxBodyBytes = 64 * 1024;

    private static readonly string[] RequiredLeadFields =
        ["hookName", "name_field", "country_code_field", "phone_field", "date_submitted_field", "time_submitted_field", "status"];

    private readonly WebApplication _app;
    private readonly LimeCallApiEmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly LimeCallBearerTokenVerifier _auth;
    private readonly Lock _gate = new();
    private readonly List<EmulatorRequest> _requests = [];
    private readonly List<EmulatedCallback> _callbacks = [];
    private readonly List<IReadOnlyDictionary<string, string>> _leads = [];
    private readonly Dictionary<string, (int Status, byte[] Body)> _replays = new(StringComparer.Ordinal);
    private readonly List<Uri> _webhooks = [];
    private readonly List<ITimer> _timers = [];
    private readonly ConcurrentQueue<EmulatedApiFault> _faults = new();
    private readonly ILogger _logger;
    private long _ids;

    private LimeCallApiEmulator(WebApplication app, LimeCallApiEmulatorOptions options, TimeProvider time, ILoggerFactory? loggers)
    {
        _app = app;
        _options = options;
        _time = time;
        _logger = (ILogger?)loggers?.CreateLogger<LimeCallApiEmulator>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _auth = new LimeCallBearerTokenVerifier(options.ApiToken);
        WebhookSender = new LimeCallWebhookSender(new() { Secret = options.WebhookSecret, Schedule = options.WebhookSchedule }, time, logger: loggers?.CreateLogger<LimeCallWebhookSender>());
    }

    /// <summary>Gets the API's base address, for example <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets the URL of the lead-capture inbound webhook.</summary>
    public Uri LeadCaptureUrl => new(BaseAddress, LeadCapturePath);

    /// <summary>Gets the sender that delivers lifecycle webhooks, whose delivery log tests can inspect.</summary>
    public LimeCallWebhookSender WebhookSender { get; }

    /// <summary>Gets every request received so far.</summary>
    public IReadOnlyList<EmulatorRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Gets every callback created so far.</summary>
    public IReadOnlyList<EmulatedCallback> Callbacks
    {
        get
        {
            lock (_gate)
            {
                return [.. _callbacks];
            }
        }
    }

    /// <summary>Gets every lead captured so far, as the fields received.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Leads
    {
        get
        {
            lock (_gate)
            {
                return [.. _leads];
            }
        }
    }

    /// <summary>Starts an emulator on a free loopback port.</summary>
    /// <param name="options">Token, secrets, business hours and call script; defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">Where each API request and each lifecycle webhook attempt is logged; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running emulator.</returns>
    public static async Task<LimeCallApiEmulator> StartAsync(LimeCallApiEmulatorOptions? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        options ??= new LimeCallApiEmulatorOptions();
        OptionsValidation.ThrowIfInvalid(new LimeCallApiEmulatorOptionsValidator(), options, nameof(options));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var emulator = new LimeCallApiEmulator(app, options, timeProvider ?? TimeProvider.System, loggerFactory);
        app.MapPost("/v1/callbacks", emulator.CreateCallbackAsync);
        app.MapPost(LeadCapturePath, emulator.CaptureLeadAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseAddress = new Uri(address.TrimEnd('/') + "/");
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

        _faults.Enqueue(fault);
    }

    /// <summary>Stops the server, the timers and the webhook sender.</summary>
    /// <returns>A task that completes when everything has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _timers.ForEach(t => t.Dispose());
            _timers.Clear();
        }

        await WebhookSender.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static bool IsE164(string number)
        => number.Length is >= 8 and <= 16 && number[0] == '+' && number[1] != '0' && number.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;

    private static bool HasExplicitOffset(string text)
        => text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    private static byte[] ErrorBody(string message, string details) => Json(w =>
    {
        w.WriteString("status", "error");
        w.WriteString("message", message);
        w.WriteString("details", details);
    });

    private static byte[] Json(Action<Utf8JsonWriter> write) => Sdk.Client.ClientJson.Object(write);

    private async Task CreateCallbackAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false) ?? [];
        var (status, response) = Authenticate(context) ?? RequireJson(context) ?? ApplyFault(context, body) ?? Replay(context) ?? CreateCallback(context, body);
        if (status == 0)
        {
            Record(context, body, 0);
            context.Abort();
            return;
        }

        await RespondAsync(context, body, status, response).ConfigureAwait(false);
    }

    private async Task CaptureLeadAsync(HttpContext context)
    {
        Dictionary<string, string> fields = new(StringComparer.Ordinal);
        byte[] body = [];
        (int, byte[])? failure = Authenticate(context);
        if (failure is null && context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        }
        else if (failure is null)
        {
            body = await ReadBodyAsync(context).ConfigureAwait(false) ?? [];
            failure = RequireJson(context) ?? ReadJsonFields(body, fields);
        }

        var (status, response) = failure ?? CaptureLead(fields);
        await RespondAsync(context, body, status, response).ConfigureAwait(false);
    }

    private (int, byte[])? Authenticate(HttpContext context)
        => _auth.Verify(context.Request.Headers.Authorization.ToString()).IsValid
            ? null
            : (StatusCodes.Status401Unauthorized, ErrorBody("Unauthorized", "Missing or invalid API token"));

    private static (int, byte[])? RequireJson(HttpContext context)
        => context.Request.ContentType is { } type && (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || type.Contains("+json", StringComparison.OrdinalIgnoreCase))
            ? null
            : (StatusCodes.Status415UnsupportedMediaType, ErrorBody("Unsupported media type", "Send application/json"));

    private (int, byte[])? ApplyFault(HttpContext context, byte[] body)
    {
        if (!_faults.TryDequeue(out var fault))
        {
            return null;
        }

        switch (fault)
        {
            case EmulatedApiFault.RateLimited:
                context.Response.Headers.RetryAfter = "2";
                return (StatusCodes.Status429TooManyRequests, ErrorBody("Too many requests", "Rate limit exceeded; retry later"));
            case EmulatedApiFault.Unavailable:
                context.Response.Headers.RetryAfter = "1";
                return (StatusCodes.Status503ServiceUnavailable, ErrorBody("Service unavailable", "Try again shortly"));
            case EmulatedApiFault.InternalError:
                return (StatusCodes.Status500InternalServerError, ErrorBody("Internal error", "Something went wrong"));
            default:
                // Accepted and acted on, but the client never hears: the case a blind retry would ring twice.
                CreateCallback(context, body);
                return (0, []);
        }
    }

    private (int, byte[])? Replay(HttpContext context)
    {
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        lock (_gate)
        {
            if (key.Length == 0 || !_replays.TryGetValue(key, out var replay))
            {
                return null;
            }

            context.Response.Headers["Idempotent-Replayed"] = "true";
            return replay;
        }
    }

    private (int, byte[]) CreateCallback(HttpContext context, byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return (StatusCodes.Status400BadRequest, ErrorBody("Invalid JSON", "The request body is not valid JSON"));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (StatusCodes.Status400BadRequest, ErrorBody("Invalid JSON", "The request body must be a JSON object"));
            }

            var now = _time.GetUtcNow();
            if (ValidateCallback(root, now, out var customer, out var team, out var requested) is { } invalid)
            {
                return invalid;
            }

            var callback = Schedule(customer, team, requested, context.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } key ? key : null, now);
            var response = (StatusCodes.Status201Created, Json(w =>
            {
                w.WriteString("id", callback.Id);
                w.WriteString("status", callback.DueAt > now ? "scheduled" : "queued");
                w.WriteString("customer_number", callback.CustomerNumber);
                w.WriteString("team_number", callback.TeamNumber);
                if (callback.RequestedAt is { } r)
                {
                    w.WriteString("scheduled_at", r);
                }

                w.WriteString("due_at", callback.DueAt);
            }));
            if (callback.IdempotencyKey is { } idempotencyKey)
            {
                lock (_gate)
                {
                    _replays[idempotencyKey] = response;
                }
            }

            return response;
        }
    }

    private static (int, byte[])? ValidateCallback(JsonElement root, DateTimeOffset now, out string customer, out string team, out DateTimeOffset? requested)
    {
        customer = root.TryGetProperty("customer_number", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : string.Empty;
        team = root.TryGetProperty("team_number", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : string.Empty;
        requested = null;
        if (customer.Length == 0 || team.Length == 0)
        {
            return (StatusCodes.Status422UnprocessableEntity, ErrorBody("Validation failed", $"{(customer.Length == 0 ? "customer_number" : "team_number")} is required"));
        }

        if (!IsE164(customer) || !IsE164(team))
        {
            return (StatusCodes.Status422UnprocessableEntity, ErrorBody("Validation failed", "Invalid phone number format"));
        }

        if (!root.TryGetProperty("scheduled_at", out var s) || s.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = s.ValueKind == JsonValueKind.String ? s.GetString()! : string.Empty;
        if (!HasExplicitOffset(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return (StatusCodes.Status422UnprocessableEntity, ErrorBody("Validation failed", "scheduled_at must be an ISO 8601 time with an offset"));
        }

        if (at <= now)
        {
            return (StatusCodes.Status422UnprocessableEntity, ErrorBody("Validation failed", "scheduled_at must be in the future"));
        }

        requested = at;
        return null;
    }

    private static (int, byte[])? ReadJsonFields(byte[] body, Dictionary<string, string> fields)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (StatusCodes.Status400BadRequest, ErrorBody("Invalid JSON", "The request body must be a JSON object"));
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }

            return null;
        }
        catch (JsonException)
        {
            return (StatusCodes.Status400BadRequest, ErrorBody("Invalid JSON", "The request body is not valid JSON"));
        }
    }

    private (int, byte[]) CaptureLead(Dictionary<string, string> fields)
    {
        var missing = RequiredLeadFields.FirstOrDefault(f => !fields.TryGetValue(f, out var v) || string.IsNullOrWhiteSpace(v));
        if (missing is not null)
        {
            return (StatusCodes.Status422UnprocessableEntity, ErrorBody("Validation failed", $"{missing} is required"));
        }

        var auto = fields.TryGetValue("is_auto", out var isAuto) && isAuto.Trim() is "1" or "true";
        var digits = new string([.. (fields["country_code_field"] + fields["phone_field"]).Where(char.IsAsciiDigit)]);
        var phone = "+" + digits;
        var phoneValid = IsE164(phone) && (fields["country_code_field"] + fields["phone_field"]).All(ch => char.IsAsciiDigit(ch) || ch is '+' or ' ' or '-' or '(' or ')');
        if (auto && !phoneValid)
        {
            return (StatusCodes.Status422UnprocessableEntity, ErrorBody("Failed to initiate auto callback", "Invalid phone number format"));
        }

        lock (_gate)
        {
            _leads.Add(fields);
        }

        var leadId = $"lead_{Interlocked.Increment(ref _ids):D6}";
        Emit(new LeadCapturedEvent
        {
            LeadId = leadId,
            Name = fields["name_field"],
            Email = fields.GetValueOrDefault("email_field"),
            Phone = phone,
            CountryCode = fields["country_code_field"],
            CompanyName = fields.GetValueOrDefault("company_name_field"),
            Industry = fields.GetValueOrDefault("industry_field"),
            Message = fields.GetValueOrDefault("message_field"),
            PageUrl = fields.GetValueOrDefault("page_url_field"),
            PageName = fields.GetValueOrDefault("page_name_field"),
            TeamId = fields.GetValueOrDefault("team_id_field"),
            LeadSource = fields["hookName"],
            IsAutoCallback = auto,
        });

        if (!auto)
        {
            return (StatusCodes.Status200OK, Json(w =>
            {
                w.WriteString("status", "success");
                w.WriteString("message", "Webhook data captured successfully");
            }));
        }

        Schedule(phone, "+14155550100", null, null, _time.GetUtcNow());
        return (StatusCodes.Status200OK, Json(w =>
        {
            w.WriteString("status", "success");
            w.WriteString("message", "Webhook data captured successfully");
            w.WriteString("auto_callback", "initiated");
        }));
    }

    // One instant per request: reading the clock twice made an immediate callback look "scheduled" on a real clock.
    private EmulatedCallback Schedule(string customer, string team, DateTimeOffset? requested, string? idempotencyKey, DateTimeOffset now)
    {
        var due = requested ?? now;
        if (_options.BusinessHours is { } hours)
        {
            due = hours.NextOpenAt(due);
        }

        var n = Interlocked.Increment(ref _ids);
        var callback = new EmulatedCallback($"cb_{n:D6}", $"call_{n:D6}", customer, team, requested, due, idempotencyKey);
        lock (_gate)
        {
            _callbacks.Add(callback);
        }

        After(due - now, () => Dial(callback));
        return callback;
    }

    private void Dial(EmulatedCallback callback)
    {
        callback.Status = EmulatedCallbackStatus.Initiated;
        Emit(Lifecycle<CallInitiatedEvent>(callback, "initiated") with { ScheduledAt = callback.RequestedAt });
        After(_options.RingTime, () =>
        {
            if (_options.Outcome(callback) == EmulatedCallOutcome.Missed)
            {
                callback.Status = EmulatedCallbackStatus.Missed;
                Emit(Lifecycle<CallMissedEvent>(callback, "missed"));
                return;
            }

            callback.Status = EmulatedCallbackStatus.Connected;
            Emit(Lifecycle<CallConnectedEvent>(callback, "connected"));
            After(_options.CallDuration, () =>
            {
                callback.Status = EmulatedCallbackStatus.Completed;
                Emit(Lifecycle<CallCompletedEvent>(callback, "completed") with { Duration = (int)_options.CallDuration.TotalSeconds, Outcome = "answered" });
            });
        });
    }

    private static T Lifecycle<T>(EmulatedCallback callback, string status)
        where T : CallEvent, new()
        => new()
        {
            CallId = callback.CallId,
            CallbackId = callback.Id,
            CustomerNumber = callback.CustomerNumber,
            TeamNumber = callback.TeamNumber,
            Direction = "outbound",
            Status = status,
        };

    private string NewEventId() => $"evt_{Interlocked.Increment(ref _ids):D8}";

    private void Emit(LimeCallEventData data)
    {
        var webhookEvent = new LimeCallEvent(data) { Id = NewEventId(), Timestamp = _time.GetUtcNow() };
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

    private void After(TimeSpan delay, Action action)
    {
        if (delay <= TimeSpan.Zero)
        {
            action();
            return;
        }

        var timer = _time.CreateTimer(static state => ((Action)state!)(), action, delay, Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            _timers.Add(timer);
        }
    }

    private async Task RespondAsync(HttpContext context, byte[] requestBody, int status, byte[] response)
    {
        Record(context, requestBody, status);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(response, context.RequestAborted).ConfigureAwait(false);
    }

    private void Record(HttpContext context, byte[] body, int status)
    {
        var headers = context.Request.Headers.ToDictionary(
            h => h.Key,
            h => string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase) ? "Bearer ***" : h.Value.ToString(),
            StringComparer.OrdinalIgnoreCase);
        lock (_gate)
        {
            _requests.Add(new EmulatorRequest { Method = context.Request.Method, Path = context.Request.Path, Headers = headers, Body = body, ReceivedAt = _time.GetUtcNow(), Status = status });
        }

        EmulatorLog.Request(_logger, context.Request.Method, LogValues.Escape(context.Request.Path.Value), status);
    }
}
