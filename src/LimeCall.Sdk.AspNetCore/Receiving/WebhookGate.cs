using System.Buffers;
using System.Runtime.CompilerServices;
using LimeCall.Sdk.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>
/// The one authentication step of every LimeCall request, used by the receiver and by the signature check on
/// users' endpoints alike: source, path secret, content type, declared and actual size, one bounded read into a
/// pooled buffer, signature and bearer token; each refusal logged and counted with a fixed reason.
/// </summary>
/// <remarks>
/// Owns the current <see cref="RequestAuthenticator"/>. A configuration change builds a new one only if the new
/// options validate; otherwise the last good one stays, and the refusal is logged as an error and counted. A
/// replaced authenticator is disposed once the requests that started with it are done.
/// </remarks>
internal sealed class WebhookGate : IDisposable
{
    private readonly IOptionsFactory<LimeCallWebhookOptions> _factory;
    private readonly ReceiverTelemetry _telemetry;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggers;
    private readonly List<IDisposable> _subscriptions = [];
    private volatile RequestAuthenticator _authenticator;

    public WebhookGate(
        IOptionsFactory<LimeCallWebhookOptions> factory,
        IEnumerable<IOptionsChangeTokenSource<LimeCallWebhookOptions>> changeSources,
        ReceiverTelemetry telemetry,
        ILoggerFactory loggers)
    {
        _factory = factory;
        _telemetry = telemetry;
        _loggers = loggers;
        _logger = loggers.CreateLogger<WebhookGate>();

        // Built from the factory, not an IOptionsMonitor: a monitor re-validates on every change and throws from
        // the configuration's reload callback (a file watcher's thread), where nobody sees it. Invalid options
        // throw here, at start (WebhookStartupCheck builds the gate before the server listens).
        var options = factory.Create(Options.DefaultName);
        _authenticator = new RequestAuthenticator(options);
        WarnIfPathSecretIsLogged(options);
        foreach (var source in changeSources.Where(s => string.Equals(s.Name, Options.DefaultName, StringComparison.Ordinal)))
        {
            _subscriptions.Add(ChangeToken.OnChange(source.GetChangeToken, Reload));
        }
    }

    public RequestAuthenticator Current => _authenticator;

    /// <summary>
    /// Authenticates the request and reads its body. On success the result holds a rented buffer (return it with
    /// <see cref="GateResult.Return"/>) and a lease on the authenticator that checked it; otherwise the response
    /// status is set and the refusal logged.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<GateResult> AuthenticateAsync(HttpContext context)
    {
        RequestAuthenticator authenticator;
        while (!(authenticator = _authenticator).TryEnter())
        {
            // Replaced and drained between the read and the enter: the current one is never retired before it
            // is replaced, so the next read finds one that can be entered.
        }

        var entered = true;
        try
        {
            var request = context.Request;
            if (authenticator.RejectBeforeBody(context) is { } beforeBody)
            {
                Reject(context, StatusCodes.Status401Unauthorized, beforeBody);
                return default;
            }

            if (!IsJson(request.ContentType))
            {
                Reject(context, StatusCodes.Status415UnsupportedMediaType, RejectReason.UnsupportedMediaType);
                return default;
            }

            if (request.ContentLength > authenticator.MaxBodyBytes)
            {
                Reject(context, StatusCodes.Status413PayloadTooLarge, RejectReason.BodyTooLarge);
                return default;
            }

            var (buffer, length) = await ReadBodyAsync(context, authenticator.MaxBodyBytes).ConfigureAwait(false);
            if (buffer is null)
            {
                return default;
            }

            if (length < 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                Reject(context, StatusCodes.Status413PayloadTooLarge, RejectReason.BodyTooLarge);
                return default;
            }

            if (authenticator.RejectBody(buffer.AsSpan(0, length), request.Headers) is { } unauthorized)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                Reject(context, StatusCodes.Status401Unauthorized, unauthorized);
                return default;
            }

            entered = false; // handed to the result
            return new GateResult(buffer, length, authenticator);
        }
        finally
        {
            if (entered)
            {
                authenticator.Exit();
            }
        }
    }

    /// <summary>Reads the body; <see langword="null"/> (status set, logged) when the client broke off or Kestrel refused it.</summary>
    private async ValueTask<(byte[]? Buffer, int Length)> ReadBodyAsync(HttpContext context, int limit)
    {
        try
        {
            return await BodyReader.ReadAsync(context.Request, limit, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own limits and a body cut short: the client's fault, answered with Kestrel's code.
            ReceiverLog.BodyUnreadable(_logger, ex.StatusCode, ex.Message);
            Count(RejectReason.BodyUnreadable);
            context.Response.StatusCode = ex.StatusCode;
            return default;
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // The client hung up mid-body. Not an error of this service: one Debug line, no stack trace.
            ReceiverLog.ClientDisconnected(_logger);
            Count(RejectReason.ClientDisconnected);
            return default;
        }
    }

    /// <summary>
    /// <c>application/json</c> or any <c>type/subtype+json</c>, in UTF-8: a <c>charset</c> parameter, when present,
    /// must name UTF-8 (JSON is UTF-8 by RFC 8259, and the signature covers the bytes as sent, so nothing is transcoded).
    /// Checked on the span, allocation-free.
    /// </summary>
    public static bool IsJson(string? contentType)
    {
        var media = contentType.AsSpan();
        var semicolon = media.IndexOf(';');
        var parameters = semicolon >= 0 ? media[(semicolon + 1)..] : [];
        media = (semicolon >= 0 ? media[..semicolon] : media).Trim();
        var slash = media.IndexOf('/');
        var json = media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (slash > 0 && slash < media.Length - 6 && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        return json && IsUtf8(parameters);
    }

    private static bool IsUtf8(ReadOnlySpan<char> parameters)
    {
        foreach (var range in parameters.Split(';'))
        {
            var parameter = parameters[range];
            var equals = parameter.IndexOf('=');
            if (equals < 0 || !parameter[..equals].Trim().Equals("charset", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = parameter[(equals + 1)..].Trim().Trim('"');
            if (!value.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !value.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    public void Reject(HttpContext context, int status, string reason)
    {
        Count(reason);
        ReceiverLog.Rejected(_logger, status, reason);
        context.Response.StatusCode = status;
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _authenticator.Retire();
    }

    private void Count(string reason) => _telemetry.Rejected.Add(1, new KeyValuePair<string, object?>("error.type", reason));

    private void Reload()
    {
        LimeCallWebhookOptions options;
        try
        {
            // A fresh instance, configured and validated now: the monitor's cache may still hold the old one.
            options = _factory.Create(Options.DefaultName);
        }
        catch (OptionsValidationException ex)
        {
            // The validator's messages name settings, never their values, so they are safe to log.
            _telemetry.ConfigurationReloadFailures.Add(1);
            ReceiverLog.ReloadRejected(_logger, string.Join(" ", ex.Failures));
            return;
        }

        RequestAuthenticator replacement;
        try
        {
            replacement = new RequestAuthenticator(options);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
        {
            // The validator should have refused these options; whatever slipped past it is refused here, never thrown
            // into the configuration's reload callback. The type names the problem; the message might hold a value.
            _telemetry.ConfigurationReloadFailures.Add(1);
            ReceiverLog.ReloadRejected(_logger, ex.GetType().Name);
            return;
        }

        var previous = Interlocked.Exchange(ref _authenticator, replacement);
        previous.Retire();
        ReceiverLog.Reloaded(_logger);
        WarnIfPathSecretIsLogged(options);
    }

    /// <summary>A secret in the URL is only as secret as the logs that record URLs: say so loudly when they do.</summary>
    private void WarnIfPathSecretIsLogged(LimeCallWebhookOptions options)
    {
        if (string.IsNullOrEmpty(options.PathSecret))
        {
            return;
        }

        // The hosting layer writes "Request starting POST http://host/path" for every request at Information.
        const string RequestLogging = "Microsoft.AspNetCore.Hosting.Diagnostics";
        if (_loggers.CreateLogger(RequestLogging).IsEnabled(LogLevel.Information))
        {
            ReceiverLog.PathSecretLogged(_logger, RequestLogging);
        }
    }
}
