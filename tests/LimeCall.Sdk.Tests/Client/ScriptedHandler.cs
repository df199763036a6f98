using System.Collections.Concurrent;

namespace LimeCall.Sdk.Tests.Client;

/// <summary>An HTTP handler that records each request (with its body) and answers from a script.</summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();

    public ConcurrentQueue<(HttpRequestMessage Request, string Body)> Requests { get; } = new();

    public void Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> step) => _script.Enqueue(step);

    public void Then(HttpResponseMessage response) => Then((_, _) => Task.FromResult(response));

    public void ThenThrow(Exception exception) => Then((_, _) => Task.FromException<HttpResponseMessage>(exception));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        Requests.Enqueue((request, body));
        return _script.TryDequeue(out var step)
            ? await step(request, cancellationToken).ConfigureAwait(false)
            : Created("cb_default");
    }

    public static HttpResponseMessage Created(string id) => Json(201, $$"""{"id":"{{id}}","status":"queued","due_at":"2025-01-30T15:00:00Z"}""");

    public static HttpResponseMessage Json(int status, string json, Action<HttpResponseMessage>? configure = null)
    {
        var response = new HttpResponseMessage((System.Net.HttpStatusCode)status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        configure?.Invoke(response);
        return response;
    }
}
