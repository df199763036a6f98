namespace LimeCall.Sdk.Client;

/// <summary>The documented error body: <c>{"status", "message", "details"}</c>.</summary>
internal sealed class ErrorAnswer
{
    public string? Message { get; set; }

    public string? Details { get; set; }
}
