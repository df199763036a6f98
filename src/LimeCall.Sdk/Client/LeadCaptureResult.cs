namespace LimeCall.Sdk.Client;

/// <summary>LimeCall's answer to a captured lead.</summary>
/// <param name="Status">The API's <c>status</c>: <c>success</c>.</param>
/// <param name="Message">The API's <c>message</c>.</param>
/// <param name="AutoCallback">The API's <c>auto_callback</c> (<c>initiated</c>), or <see langword="null"/> when none was asked for.</param>
public sealed record LeadCaptureResult(string Status, string? Message, string? AutoCallback);
