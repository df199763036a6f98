using LimeCall.Sdk.Inbox;
using LimeCall.Sdk.Webhooks.Events;
using Microsoft.AspNetCore.Http;

namespace LimeCall.Sdk.AspNetCore;

/// <summary>What a handler gets besides the typed data: the whole event, the raw delivery, its services and lifetime.</summary>
/// <remarks>
/// <para>Handlers run in one of two ways. By default, inside LimeCall's request: <see cref="HttpContext"/> is the request and
/// <see cref="CancellationToken"/> fires when the sender gives up. With the durable inbox (<c>UseInbox()</c>), later, in the
/// background: <see cref="HttpContext"/> is <see langword="null"/>, <see cref="Inbox"/> says which attempt this is and whether
/// the event arrived out of order, and <see cref="CancellationToken"/> fires when the app stops.</para>
/// <para>A value type, so a delivery costs no allocation beyond the event itself; valid only during the handler call.
/// Equality is member-wise; <see cref="ToString"/> names only the event and the key, never headers or body.</para>
/// </remarks>
public readonly record struct LimeCallWebhookContext
{
    private static readonly HeaderDictionary NoHeaders = new() { IsReadOnly = true };
    private readonly CancellationToken _cancellationToken;

    internal LimeCallWebhookContext(HttpContext httpContext, LimeCallEvent webhookEvent, ReadOnlyMemory<byte> rawBody, string idempotencyKey)
    {
        HttpContext = httpContext;
        Services = httpContext.RequestServices;
        Event = webhookEvent;
        RawBody = rawBody;
        IdempotencyKey = idempotencyKey;
        _cancellationToken = httpContext.RequestAborted;
    }

    internal LimeCallWebhookContext(IServiceProvider services, LimeCallEvent webhookEvent, InboxDelivery inbox, CancellationToken cancellationToken)
    {
        Services = services;
        Event = webhookEvent;
        RawBody = inbox.Event.Body;
        IdempotencyKey = inbox.Event.Key;
        Inbox = inbox;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Gets the HTTP request being handled; <see langword="null"/> when the event is processed from the inbox.</summary>
    public HttpContext? HttpContext { get; }

    /// <summary>Gets the services of this delivery's scope (the request's, or one made for the event by the inbox processor).</summary>
    public IServiceProvider Services { get; }

    /// <summary>Gets the whole event: id, type, time, unknown envelope members and the data.</summary>
    public LimeCallEvent Event { get; }

    /// <summary>Gets the body exactly as received (valid only during the handler call).</summary>
    public ReadOnlyMemory<byte> RawBody { get; }

    /// <summary>Gets the request headers as received; empty when the event is processed from the inbox (headers are not stored).</summary>
    public IHeaderDictionary Headers => HttpContext?.Request.Headers ?? NoHeaders;

    /// <summary>Gets the key the event is deduplicated by: its id, or a SHA-256 of the body (computed once per delivery).</summary>
    public string IdempotencyKey { get; }

    /// <summary>Gets how the event came from the durable inbox (attempt, arrival out of order); <see langword="null"/> inside the request.</summary>
    public InboxDelivery? Inbox { get; }

    /// <summary>Gets a token that fires when the sender gives up on the request, or when the app stops (inbox).</summary>
    public CancellationToken CancellationToken => _cancellationToken;

    /// <inheritdoc />
    public override string ToString() => $"LimeCallWebhookContext {{ Event = {Event}, IdempotencyKey = {IdempotencyKey} }}";
}
