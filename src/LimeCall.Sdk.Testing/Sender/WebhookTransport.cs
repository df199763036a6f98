using System.Net.Http.Headers;
using System.Text;
using LimeCall.Sdk.Webhooks;

namespace LimeCall.Sdk.Testing.Sender;

/// <summary>
/// One HTTP request of a delivery, as LimeCall sends it: the JSON body, <c>X-LimeCall-Signature</c>, the optional bearer
/// token, the attempt timeout on the sender's clock, and the faults of the attempt's plan applied to the request.
/// </summary>
internal sealed class WebhookTransport : IDisposable
{
    private readonly LimeCallWebhookSenderOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly LimeCallSigner? _signer;

    public WebhookTransport(LimeCallWebhookSenderOptions options, TimeProvider time, HttpMessageHandler? handler)
    {
        _options = options;
        _time = time;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }, disposeHandler: handler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan, // attempts time out on the sender's TimeProvider instead
        };
        _signer = options.Secret is { } secret ? new LimeCallSigner(secret) : null;
    }

    public async Task<AttemptResult> SendAsync(WebhookMessage message, AttemptPlan plan, CancellationToken cancellationToken)
    {
        var sentAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        using var timeout = new CancellationTokenSource(_options.AttemptTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        using var request = BuildRequest(message, plan);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var text = await ReadPrefixAsync(response, linked.Token).ConfigureAwait(false);
            return new(sentAt, _time.GetElapsedTime(started), (int)response.StatusCode, null, text);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new(sentAt, _time.GetElapsedTime(started), null, "timeout", null);
        }
        catch (HttpRequestException ex)
        {
            // The kind, and the socket's own words when there are some ("Connection refused"): what a person debugging needs.
            var error = ex.InnerException is System.Net.Sockets.SocketException socket ? $"{ex.HttpRequestError}: {socket.Message}" : ex.HttpRequestError.ToString();
            return new(sentAt, _time.GetElapsedTime(started), null, error, null);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _signer?.Dispose();
    }

    private HttpRequestMessage BuildRequest(WebhookMessage message, AttemptPlan plan)
    {
        var faults = plan.Faults;
        var stall = faults.HasFlag(WebhookDeliveryFaults.SlowBodyPastTimeout);
        HttpContent content = stall || faults.HasFlag(WebhookDeliveryFaults.DropConnection)
            ? new PartialBodyContent(message.Body, stall)
            : new ReadOnlyMemoryContent(message.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, message.Endpoint) { Content = content };
        request.Headers.UserAgent.ParseAdd("LimeCall-Webhooks/1.0");
        if (Signature(message, plan) is { } signature)
        {
            request.Headers.TryAddWithoutValidation(LimeCallWebhookHeaders.Signature, signature);
        }

        if (_options.BearerToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private string? Signature(WebhookMessage message, AttemptPlan plan)
    {
        if (plan.Faults.HasFlag(WebhookDeliveryFaults.MissingSignature))
        {
            return null;
        }

        var signature = plan.SigningSecret is { } secret
            ? LimeCallSigner.ComputeSignature(Encoding.UTF8.GetBytes(secret), message.Body.Span)
            : _signer?.Sign(message.Body.Span);
        return signature is not null && plan.Faults.HasFlag(WebhookDeliveryFaults.WrongSignature)
            ? LimeCallSigner.ComputeSignature("not-the-secret"u8, message.Body.Span)
            : signature;
    }

    private async Task<string?> ReadPrefixAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var limit = Math.Max(0, _options.MaxLoggedResponseChars);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[Math.Min(limit * 4, 64 * 1024) + 1];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
            {
                read += n;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, read);
            return text.Length > limit ? text[..limit] : text;
        }
    }
}
