using System.Net;
using System.Text.Json;

namespace LimeCall.Sdk.Client;

/// <summary>Turns an error answer into the exception callers branch on.</summary>
internal static class ClientErrors
{
    public static async Task<LimeCallApiException> FromResponseAsync(HttpResponseMessage response, string idempotencyKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string? message = null;
        string? details = null;
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(text);
            message = document.RootElement.TryGetProperty("message", out var m) ? m.GetString() : null;
            details = document.RootElement.TryGetProperty("details", out var d) ? d.GetString() : null;
        }
        catch (JsonException)
        {
            // Not the documented error body (a proxy's page, say): the status alone says what happened.
        }

        var status = (int)response.StatusCode;
        var summary = $"LimeCall answered {status}{(message is null ? string.Empty : ": " + message)}{(details is null ? string.Empty : " (" + details + ")")}.";
        var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.FirstOrDefault() : null;
        var retryAfter = RetryPolicy.RetryAfter(response, now);
        LimeCallApiException exception = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new LimeCallAuthenticationException(summary),
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => new LimeCallValidationException(summary),
            HttpStatusCode.TooManyRequests => new LimeCallRateLimitedException(summary),
            HttpStatusCode.ServiceUnavailable => new LimeCallApiException(summary),
            >= HttpStatusCode.InternalServerError => new LimeCallOutcomeUnknownException(summary),
            _ => new LimeCallApiException(summary),
        };
        exception.StatusCode = status;
        exception.ErrorMessage = message;
        exception.Details = details;
        exception.RequestId = requestId;
        exception.RetryAfter = retryAfter;
        exception.IdempotencyKey = idempotencyKey;
        return exception;
    }
}
