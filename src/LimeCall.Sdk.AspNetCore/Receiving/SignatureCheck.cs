using Microsoft.AspNetCore.Http;

namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>
/// Runs the shared authentication step for a user's endpoint that requires LimeCall's signature, then hands the
/// same bytes to the endpoint (model binding reads them as sent) and restores the original body stream after it.
/// </summary>
internal static class SignatureCheck
{
    public static async Task InvokeAsync(HttpContext context, WebhookGate gate, RequestDelegate next)
    {
        if (context.Features.Get<SignatureVerifiedFeature>() is not null)
        {
            // Verified earlier in this request by UseLimeCallSignatureVerification.
            await next(context).ConfigureAwait(false);
            return;
        }

        var result = await gate.AuthenticateAsync(context).ConfigureAwait(false);
        if (!result.Accepted)
        {
            return;
        }

        byte[] body;
        try
        {
            body = result.Body.ToArray();
        }
        finally
        {
            result.Return();
        }

        var request = context.Request;
        var (originalBody, originalLength) = (request.Body, request.ContentLength);
        request.Body = new MemoryStream(body, writable: false);
        request.ContentLength = body.Length;
        context.Features.Set(SignatureVerifiedFeature.Instance);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            // As ASP.NET's own buffering middlewares do: whoever runs after us sees the request as it came.
            request.Body = originalBody;
            request.ContentLength = originalLength;
        }
    }
}
