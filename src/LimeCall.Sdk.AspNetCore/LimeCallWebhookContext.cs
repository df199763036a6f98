using LimeCall.Sdk.Webhooks.Events;
using Microsoft.AspNetCore.Http;

namespace LimeCall.Sdk.AspNetCore;

/// <summary>What a handler gets besides the typed event: the raw delivery and the request's lifetime.</summary>
/// <remarks>
/// A value type, so a delivery costs no allocation beyond the event itself; like <see cref="HttpContext"/>, it is
/// valid only during the handler call. Equality is member-wise (request, event, body, key); <see cref="ToString"/>
/// names only the event and the key, never headers or body.
/// </remarks>
public readonly record struct LimeCallWebhookContext
{
    internal LimeCallWebhookContext(HttpContext httpContext, LimeCallEvent webhookEvent, ReadOnlyMemory<byte> rawBody, string idempotencyKey)
    {
        HttpContext = httpContext;
        Event = webhookEvent;
        RawBody = rawBody;
        IdempotencyKey = idempotencyKey;
    }

    /// <summary>Gets the HTTP request being handled.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>Gets the parsed event.</summary>
    public LimeCallEvent Event { get; }

    /// <summary>Gets the body exactly as received (valid only during the handler call).</summary>
    public ReadOnlyMemory<byte> RawBody { get; }

    /// <summary>Gets the request headers as received.</summary>
    public IHeaderDictionary Headers => HttpContext.Request.Headers;

    /// <summary>Gets the key the event is deduplicated by: its id, or a SHA-256 of the body (computed once per delivery).</summary>
    public string IdempotencyKey { get; }

    /// <summary>Gets a token that fires when the sender gives up on the request.</summary>
    public CancellationToken CancellationToken => HttpContext.RequestAborted;

    /// <inheritdoc />
    public override string ToString() => $"LimeCallWebhookContext {{ Event = {Event}, IdempotencyKey = {IdempotencyKey} }}";
}
