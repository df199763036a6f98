using System.Diagnostics;
using System.Globalization;

namespace LimeCall.Sdk.Client;

/// <summary>The client's activities, tagged after OpenTelemetry's HTTP client conventions where they fit.</summary>
internal static class ClientTelemetry
{
    /// <summary>Starts a client span: method, server address and port, and the idempotency key (not a secret); never the URL's path or the token.</summary>
    public static Activity? Start(string name, Uri uri, string idempotencyKey)
    {
        var activity = LimeCallDiagnostics.ActivitySource.StartActivity(name, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("http.request.method", "POST");
            activity.SetTag("server.address", uri.Host);
            activity.SetTag("server.port", uri.Port);
            activity.SetTag("limecall.idempotency_key", idempotencyKey);
        }

        return activity;
    }

    /// <summary>
    /// Marks the span failed with <c>error.type</c> (the HTTP status when LimeCall answered, else the exception's type).
    /// Used as an exception filter, so it returns <see langword="false"/>: the exception goes on untouched, with no rethrow.
    /// </summary>
    public static bool Failed(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return false;
        }

        var errorType = exception is LimeCallApiException { StatusCode: { } status }
            ? status.ToString(CultureInfo.InvariantCulture)
            : exception.GetType().FullName;
        activity.SetTag("error.type", errorType);
        activity.SetStatus(ActivityStatusCode.Error);
        return false;
    }
}
