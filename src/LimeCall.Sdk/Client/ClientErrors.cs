using System.Net;

namespace LimeCall.Sdk.Client;

/// <summary>Turns an error answer into the exception callers branch on.</summary>
internal static class ClientErrors
{
    public static async Task<LimeCallApiException> FromResponseAsync(HttpResponseMessage response, string idempotencyKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ErrorAnswer? answer = null;
        try
        {
            // Not the documented error body (a proxy's page, say, or nothing): the status alone says what happened.
            answer = ClientAnswers.TryRead(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), ClientJsonContext.Default.ErrorAnswer);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // The error body broke off: the status is still the answer.
        }

        var (message, details) = (answer?.Message, answer?.Details);

        var status = (int)response.StatusCode;
        var summary = $"LimeCall answered {status}{(message is null ? string.Empty : ": " + message)}{(details is null ? string.Empty : " (" + details + ")")}.";
        var requestId = RequestId(response);
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

    /// <summary>A success status whose body the client cannot read: something may have happened, so the outcome is unknown.</summary>
    public static LimeCallOutcomeUnknownException Unreadable(HttpResponseMessage response, string idempotencyKey, string consequence, Exception? cause = null)
    {
        var status = (int)response.StatusCode;
        return new LimeCallOutcomeUnknownException($"LimeCall answered {status}, but the answer could not be read; {consequence}. Reconcile with the idempotency key.", cause)
        {
            StatusCode = status,
            RequestId = RequestId(response),
            IdempotencyKey = idempotencyKey,
        };
    }

    private static string? RequestId(HttpResponseMessage response)
        => response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.FirstOrDefault() : null;
}
