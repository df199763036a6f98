using System.Collections.Concurrent;
using System.Text.Json;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LimeCall.Sdk.Testing.Emulator;

/// <summary>
/// The emulated endpoints: <c>POST /v1/callbacks</c> and the lead-capture inbound webhook. Each request goes through
/// the same steps (authenticate, check the content type, apply an injected fault, replay an idempotent repeat, act) and
/// ends in one <see cref="ApiAnswer"/>, which is recorded and logged.
/// </summary>
internal sealed class EmulatorApi
{
    public const string LeadCapturePath = "/inbound-webhooks/lead-capture";
    private const int MaxBodyBytes = 64 * 1024;

    private readonly LimeCallBearerTokenVerifier _auth;
    private readonly TimeProvider _time;
    private readonly CallLifecycle _calls;
    private readonly IdSequence _ids;
    private readonly Action<LimeCallEventData> _emit;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<EmulatorRequest> _requests = [];
    private readonly List<IReadOnlyDictionary<string, string>> _leads = [];
    private readonly Dictionary<string, ApiAnswer> _replays = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<EmulatedApiFault> _faults = new();

    public EmulatorApi(LimeCallApiEmulatorOptions options, TimeProvider time, CallLifecycle calls, IdSequence ids, Action<LimeCallEventData> emit, ILogger logger)
    {
        _auth = new LimeCallBearerTokenVerifier(options.ApiToken);
        _time = time;
        _calls = calls;
        _ids = ids;
        _emit = emit;
        _logger = logger;
    }

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

    public void InjectFault(EmulatedApiFault fault) => _faults.Enqueue(fault);

    public async Task CreateCallbackAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false) ?? [];
        var answer = Authenticate(context) ?? RequireJson(context) ?? ApplyFault(context, body) ?? Replay(context) ?? CreateCallback(context, body);
        await AnswerAsync(context, body, answer).ConfigureAwait(false);
    }

    public async Task CaptureLeadAsync(HttpContext context)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        byte[] body = [];
        var failure = Authenticate(context);
        if (failure is null && context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        }
        else if (failure is null)
        {
            body = await ReadBodyAsync(context).ConfigureAwait(false) ?? [];
            failure = RequireJson(context) ?? LeadCaptureRules.ReadJsonFields(body, fields);
        }

        await AnswerAsync(context, body, failure ?? CaptureLead(fields)).ConfigureAwait(false);
    }

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

    private static ApiAnswer? RequireJson(HttpContext context)
        => context.Request.ContentType is { } type && (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || type.Contains("+json", StringComparison.OrdinalIgnoreCase))
            ? null
            : ApiAnswer.Error(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send application/json");

    private ApiAnswer? Authenticate(HttpContext context)
        => _auth.Verify(context.Request.Headers.Authorization.ToString()).IsValid ? null : ApiAnswer.Unauthorized();

    private ApiAnswer? ApplyFault(HttpContext context, byte[] body)
    {
        if (!_faults.TryDequeue(out var fault))
        {
            return null;
        }

        switch (fault)
        {
            case EmulatedApiFault.RateLimited:
                return ApiAnswer.Error(StatusCodes.Status429TooManyRequests, "Too many requests", "Rate limit exceeded; retry later", retryAfter: "2");
            case EmulatedApiFault.Unavailable:
                return ApiAnswer.Error(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "Try again shortly", retryAfter: "1");
            case EmulatedApiFault.InternalError:
                return ApiAnswer.Error(StatusCodes.Status500InternalServerError, "Internal error", "Something went wrong");
            default:
                // Accepted and acted on, but the client never hears: the case a blind retry would ring twice.
                CreateCallback(context, body);
                return ApiAnswer.DropConnection;
        }
    }

    private ApiAnswer? Replay(HttpContext context)
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

    private ApiAnswer CreateCallback(HttpContext context, byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return ApiAnswer.NotJson();
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ApiAnswer.NotJson("The request body must be a JSON object");
            }

            var now = _time.GetUtcNow();
            if (CallbackRequestRules.Validate(root, now, out var customer, out var team, out var requested) is { } invalid)
            {
                return invalid;
            }

            var key = context.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } k ? k : null;
            var callback = _calls.Schedule(customer, team, requested, key, now);
            var answer = ApiAnswer.Json(StatusCodes.Status201Created, w =>
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
            });
            if (key is not null)
            {
                lock (_gate)
                {
                    _replays[key] = answer;
                }
            }

            return answer;
        }
    }

    private ApiAnswer CaptureLead(Dictionary<string, string> fields)
    {
        if (LeadCaptureRules.Validate(fields, out var phone, out var autoCallback) is { } invalid)
        {
            return invalid;
        }

        lock (_gate)
        {
            _leads.Add(fields);
        }

        _emit(new LeadCapturedEvent
        {
            LeadId = $"lead_{_ids.Next():D6}",
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
            IsAutoCallback = autoCallback,
        });

        if (autoCallback)
        {
            _calls.Schedule(phone, "+14155550100", null, null, _time.GetUtcNow());
        }

        return ApiAnswer.Json(StatusCodes.Status200OK, w =>
        {
            w.WriteString("status", "success");
            w.WriteString("message", "Webhook data captured successfully");
            if (autoCallback)
            {
                w.WriteString("auto_callback", "initiated");
            }
        });
    }

    private async Task AnswerAsync(HttpContext context, byte[] requestBody, ApiAnswer answer)
    {
        Record(context, requestBody, answer);
        if (answer.Outcome == EmulatorRequestOutcome.ConnectionDropped)
        {
            context.Abort();
            return;
        }

        if (answer.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        context.Response.StatusCode = answer.StatusCode;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private void Record(HttpContext context, byte[] body, ApiAnswer answer)
    {
        var headers = context.Request.Headers.ToDictionary(
            h => h.Key,
            h => string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase) ? "Bearer ***" : h.Value.ToString(),
            StringComparer.OrdinalIgnoreCase);
        var answered = answer.Outcome == EmulatorRequestOutcome.Answered;
        lock (_gate)
        {
            _requests.Add(new EmulatorRequest
            {
                Method = context.Request.Method,
                Path = context.Request.Path,
                Headers = headers,
                Body = body,
                ReceivedAt = _time.GetUtcNow(),
                Outcome = answer.Outcome,
                StatusCode = answered ? answer.StatusCode : null,
            });
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            EmulatorLog.Request(_logger, context.Request.Method, LogValues.Escape(context.Request.Path.Value), answered ? answer.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "connection dropped");
        }
    }
}
