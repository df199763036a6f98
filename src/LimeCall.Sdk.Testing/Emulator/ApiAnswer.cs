using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LimeCall.Sdk.Testing.Emulator;

/// <summary>What an emulated endpoint does with a request: answer it, or drop the connection (a named outcome, not status 0).</summary>
internal readonly record struct ApiAnswer
{
    private ApiAnswer(EmulatorRequestOutcome outcome, int statusCode, byte[] body, string? retryAfter)
    {
        Outcome = outcome;
        StatusCode = statusCode;
        Body = body;
        RetryAfter = retryAfter;
    }

    public EmulatorRequestOutcome Outcome { get; }

    public int StatusCode { get; }

    public byte[] Body { get; }

    /// <summary>Gets the <c>Retry-After</c> value sent with the answer, if any.</summary>
    public string? RetryAfter { get; }

    /// <summary>Gets the answer that closes the connection with nothing sent: the client cannot know what happened.</summary>
    public static ApiAnswer DropConnection { get; } = new(EmulatorRequestOutcome.ConnectionDropped, 0, [], null);

    public static ApiAnswer Json(int statusCode, Action<Utf8JsonWriter> write, string? retryAfter = null)
        => new(EmulatorRequestOutcome.Answered, statusCode, Sdk.Client.ClientJson.Object(write), retryAfter);

    /// <summary>The error shape of LimeCall's inbound-webhook document: <c>{"status": "error", "message", "details"}</c>.</summary>
    public static ApiAnswer Error(int statusCode, string message, string details, string? retryAfter = null) => Json(statusCode, w =>
    {
        w.WriteString("status", "error");
        w.WriteString("message", message);
        w.WriteString("details", details);
    }, retryAfter);

    public static ApiAnswer Unauthorized() => Error(StatusCodes.Status401Unauthorized, "Unauthorized", "Missing or invalid API token");

    public static ApiAnswer NotJson(string details = "The request body is not valid JSON") => Error(StatusCodes.Status400BadRequest, "Invalid JSON", details);

    public static ApiAnswer Invalid(string details) => Error(StatusCodes.Status422UnprocessableEntity, "Validation failed", details);
}
