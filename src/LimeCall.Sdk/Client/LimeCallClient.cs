using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace LimeCall.Sdk.Client;

/// <summary>
/// The LimeCall API: trigger callbacks (<c>POST /v1/callbacks</c>) and push leads into a lead-capture
/// inbound webhook, safely under retries.
/// </summary>
/// <remarks>
/// <para>
/// A call is retried only when the request provably never reached LimeCall (name resolution, connection,
/// TLS) or LimeCall said it did not process it (429, 503), honouring <c>Retry-After</c> within the time
/// budget; the idempotency key stays the same across attempts. Any other failure raises
/// <see cref="LimeCallOutcomeUnknownException"/> instead of a blind retry that could ring a customer twice.
/// </para>
/// <para>Register with <c>AddLimeCallClient</c>; operations are virtual so the client can be mocked.</para>
/// </remarks>
public class LimeCallClient
{
    private static readonly ResiliencePropertyKey<DateTimeOffset> Deadline = new("LimeCall.Deadline");
    private static readonly ResiliencePropertyKey<TimeSpan> RetryDelay = new("LimeCall.RetryDelay");

    private readonly HttpClient _http = null!;
    private readonly LimeCallClientOptions _options = null!;
    private readonly TimeProvider _time = null!;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = null!;

    // Computed once: parsing or building these per call was a third of the client's own cost.
    private readonly Uri _callbacksUri = null!;
    private readonly string _authorization = null!;

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">The HTTP client; its own <c>Timeout</c> should be infinite (the client's timeouts govern).</param>
    /// <param name="options">Address, token, timeouts and retries.</param>
    /// <param name="timeProvider">The clock for timeouts, backoff and validation; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    [ActivatorUtilitiesConstructor]
    public LimeCallClient(HttpClient httpClient, IOptions<LimeCallClientOptions> options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        OptionsValidation.ThrowIfInvalid(new LimeCallClientOptionsValidator(), _options, nameof(options));

        _http = httpClient;
        _time = timeProvider ?? TimeProvider.System;
        _pipeline = BuildPipeline(_options, _time);
        _callbacksUri = new Uri(_options.BaseAddress, "v1/callbacks");
        _authorization = "Bearer " + _options.ApiToken;
    }

    /// <summary>For mocking frameworks only.</summary>
    protected LimeCallClient()
    {
    }

    /// <summary>Triggers a callback now or at <see cref="CallbackRequest.ScheduledAt"/>.</summary>
    /// <param name="request">Customer, team and optional time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The accepted callback.</returns>
    /// <exception cref="LimeCallValidationException">The request is invalid (checked before sending, or by the API).</exception>
    /// <exception cref="LimeCallAuthenticationException">The token was refused.</exception>
    /// <exception cref="LimeCallRateLimitedException">Rate limited beyond the time budget; nothing was created.</exception>
    /// <exception cref="LimeCallOutcomeUnknownException">It may have been created; reconcile with the idempotency key.</exception>
    /// <exception cref="LimeCallApiException">Any other refusal, or LimeCall could not be reached (nothing was sent).</exception>
    public virtual async Task<CallbackResult> CreateCallbackAsync(CallbackRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var customer = PhoneNumbers.Normalize(request.CustomerNumber, nameof(request.CustomerNumber));
        var team = PhoneNumbers.Normalize(request.TeamNumber, nameof(request.TeamNumber));
        if (request.ScheduledAt is { } at && at <= _time.GetUtcNow())
        {
            throw new LimeCallValidationException("ScheduledAt must be in the future.") { ParameterName = nameof(request.ScheduledAt) };
        }

        var body = ClientJson.Object(w =>
        {
            w.WriteString("customer_number", customer);
            w.WriteString("team_number", team);
            if (request.ScheduledAt is { } scheduled)
            {
                w.WriteString("scheduled_at", scheduled.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            }
        });
        var key = request.IdempotencyKey ?? NewIdempotencyKey();
        using var activity = ClientTelemetry.Start("LimeCall.Client.CreateCallback", _callbacksUri, key);
        try
        {
            return await CreateCallbackCoreAsync(body, key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ClientTelemetry.Failed(activity, ex))
        {
            throw; // not reached: the filter only records the failure on the span
        }
    }

    private async Task<CallbackResult> CreateCallbackCoreAsync(byte[] body, string key, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(_callbacksUri, () => ClientJson.Content(body), key, cancellationToken).ConfigureAwait(false);
        var answer = ClientAnswers.TryRead(await ReadBodyAsync(response, key, cancellationToken).ConfigureAwait(false), ClientJsonContext.Default.CallbackAnswer);
        if (answer?.Id is not { Length: > 0 } id)
        {
            throw ClientErrors.Unreadable(response, key, "the callback may have been created");
        }

        return new CallbackResult
        {
            Id = id,
            Status = answer.Status ?? string.Empty,
            DueAt = answer.DueAt,
            IdempotencyKey = key,
            Replayed = response.Headers.Contains("Idempotent-Replayed"),
        };
    }

    /// <summary>Sends a lead to a lead-capture inbound webhook (its URL is shown in the LimeCall dashboard).</summary>
    /// <param name="webhookUrl">The inbound webhook's URL; HTTPS (plain HTTP only on loopback).</param>
    /// <param name="lead">The lead.</param>
    /// <param name="format">JSON or form data; both mean the same.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The API's answer, with <c>auto_callback</c> when a callback was started.</returns>
    /// <exception cref="LimeCallValidationException">The lead is invalid, or the auto callback failed (for example an invalid phone number).</exception>
    /// <exception cref="LimeCallAuthenticationException">The token was refused.</exception>
    /// <exception cref="LimeCallOutcomeUnknownException">It may have been captured.</exception>
    /// <exception cref="LimeCallApiException">Any other refusal, or LimeCall could not be reached.</exception>
    public virtual async Task<LeadCaptureResult> CaptureLeadAsync(Uri webhookUrl, LeadCaptureRequest lead, LeadCaptureFormat format = LeadCaptureFormat.Json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhookUrl);
        ArgumentNullException.ThrowIfNull(lead);
        if (!LimeCallClientOptions.IsAllowedAddress(webhookUrl))
        {
            throw new LimeCallValidationException("The webhook URL must be absolute HTTPS (plain HTTP only for loopback).") { ParameterName = nameof(webhookUrl) };
        }

        var fields = LeadFields(lead);
        var key = NewIdempotencyKey();
        using var activity = ClientTelemetry.Start("LimeCall.Client.CaptureLead", webhookUrl, key);
        try
        {
            return await CaptureLeadCoreAsync(webhookUrl, fields, format, key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ClientTelemetry.Failed(activity, ex))
        {
            throw; // not reached: the filter only records the failure on the span
        }
    }

    private async Task<LeadCaptureResult> CaptureLeadCoreAsync(Uri webhookUrl, List<KeyValuePair<string, string>> fields, LeadCaptureFormat format, string key, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(webhookUrl, () => format == LeadCaptureFormat.Form ? new FormUrlEncodedContent(fields) : ClientJson.Content(ClientJson.Fields(fields)), key, cancellationToken).ConfigureAwait(false);
        var answer = ClientAnswers.TryRead(await ReadBodyAsync(response, key, cancellationToken).ConfigureAwait(false), ClientJsonContext.Default.LeadCaptureAnswer)
            ?? throw ClientErrors.Unreadable(response, key, "the lead may have been captured");
        return new LeadCaptureResult { Status = answer.Status ?? string.Empty, Message = answer.Message, AutoCallback = answer.AutoCallback };
    }

    // Unique, not secret: the claim-token generator's random process prefix + counter (Guid.NewGuid costs ~1 µs here).
    private static string NewIdempotencyKey() => string.Create(35, Idempotency.ClaimTokens.Next(), static (span, token) =>
    {
        "lc_".CopyTo(span);
        token.TryFormat(span[3..], out _, "N");
    });

    private static List<KeyValuePair<string, string>> LeadFields(LeadCaptureRequest lead)
    {
        foreach (var (value, name) in new[] { (lead.HookName, nameof(lead.HookName)), (lead.Name, nameof(lead.Name)), (lead.CountryCode, nameof(lead.CountryCode)), (lead.Phone, nameof(lead.Phone)) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new LimeCallValidationException($"{name} is required.") { ParameterName = name };
            }
        }

        PhoneNumbers.Normalize(lead.CountryCode.Trim() + lead.Phone.Trim(), nameof(lead.Phone));
        var fields = new List<KeyValuePair<string, string>>
        {
            new("hookName", lead.HookName),
            new("name_field", lead.Name),
            new("country_code_field", lead.CountryCode),
            new("phone_field", lead.Phone),
            new("date_submitted_field", lead.SubmittedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("time_submitted_field", lead.SubmittedAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture)),
            new("is_auto", lead.AutoCallback ? "1" : "0"),
            new("status", lead.Status.ToString(CultureInfo.InvariantCulture)),
        };
        foreach (var (name, value) in new[]
        {
            ("email_field", lead.Email), ("company_name_field", lead.CompanyName), ("ip_address_field", lead.IpAddress), ("industry_field", lead.Industry),
            ("message_field", lead.Message), ("size_field", lead.CompanySize), ("page_url_field", lead.PageUrl), ("page_name_field", lead.PageName), ("team_id_field", lead.TeamId),
        })
        {
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        fields.AddRange(lead.CustomFields);
        return fields;
    }

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(LimeCallClientOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                // The wait is decided with the retry (it must fit the budget) and kept for the delay generator.
                ShouldHandle = args =>
                {
                    var now = time.GetUtcNow();
                    var remaining = args.Context.Properties.GetValue(Deadline, DateTimeOffset.MaxValue) - now;
                    var wait = RetryPolicy.RetryWait(args.Outcome, args.AttemptNumber, remaining, options.RetryBaseDelay, now, Random.Shared.NextDouble());
                    if (wait is { } delay)
                    {
                        args.Context.Properties.Set(RetryDelay, delay);
                    }

                    return ValueTask.FromResult(wait is not null);
                },
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(RetryDelay, TimeSpan.Zero)),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        // One timeout strategy serves both limits: each attempt gets its own timeout, cut short by what is left of
        // the call's budget (retries never start past it either), so no second timer runs per call.
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            TimeoutGenerator = args =>
            {
                var remaining = args.Context.Properties.GetValue(Deadline, DateTimeOffset.MaxValue) - time.GetUtcNow();
                return ValueTask.FromResult(remaining < options.AttemptTimeout ? (remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1)) : options.AttemptTimeout);
            },
        });
        return builder.Build();
    }

    private async Task<HttpResponseMessage> SendAsync(Uri uri, Func<HttpContent> content, string idempotencyKey, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Deadline, _time.GetUtcNow() + _options.TotalTimeout);
        HttpResponseMessage response;
        try
        {
            // A static callback with explicit state: no closure or delegate allocated per call.
            response = await _pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, state.uri) { Content = state.content() };
                    SingleSendHandler.Issue(request);

                    // Values validated once (options validation), added without re-parsing on every call.
                    request.Headers.TryAddWithoutValidation("Authorization", state.client._authorization);
                    request.Headers.TryAddWithoutValidation("Accept", "application/json");
                    request.Headers.TryAddWithoutValidation("Idempotency-Key", state.idempotencyKey);
                    request.Headers.TryAddWithoutValidation("User-Agent", state.client._options.UserAgent);
                    return await state.client._http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (client: this, uri, content, idempotencyKey)).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (RetryPolicy.NeverSent(ex))
        {
            throw new LimeCallApiException("LimeCall could not be reached; the request was not sent.", ex) { IdempotencyKey = idempotencyKey };
        }
        catch (ResendRefusedException ex)
        {
            throw new LimeCallOutcomeUnknownException(
                "An HTTP handler outside the LimeCall client (a retry handler added to every HttpClient, for example) tried to send the request a second time; " +
                "the client refused, so the customer is not called twice. Remove that handler from the LimeCall client. The first attempt may have reached LimeCall.",
                ex) { IdempotencyKey = idempotencyKey };
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // OperationCanceledException without the caller's cancellation: an HttpClient.Timeout set by the app.
            throw new LimeCallOutcomeUnknownException("The request may have reached LimeCall, but no answer says whether it was processed; it was not retried.", ex) { IdempotencyKey = idempotencyKey };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ClientErrors.FromResponseAsync(response, idempotencyKey, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
        }

        return response;
    }

    // The body is already buffered (ResponseContentRead): read the bytes, without the async stream machinery.
    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, string idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            throw ClientErrors.Unreadable(response, idempotencyKey, "it may have been processed", ex);
        }
    }
}
