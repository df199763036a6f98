using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>Checks a user endpoint's request like the receiver does, then hands the same bytes on to model binding.</summary>
internal static class SignatureGate
{
    public static async Task InvokeAsync(HttpContext context, RequestAuthenticator authenticator, RequestDelegate next)
    {
        if (authenticator.RejectBeforeBody(context) is not null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (!LimeCallWebhookReceiver.IsJson(context.Request.ContentType))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        var (buffer, length) = await BodyReader.ReadAsync(context.Request, authenticator.MaxBodyBytes, context.RequestAborted).ConfigureAwait(false);
        byte[] body;
        try
        {
            if (length < 0)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            if (authenticator.RejectBody(buffer.AsSpan(0, length), context.Request.Headers) is not null)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            body = buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        context.Request.Body = new MemoryStream(body, writable: false);
        context.Request.ContentLength = body.Length;
        await next(context).ConfigureAwait(false);
    }
}
