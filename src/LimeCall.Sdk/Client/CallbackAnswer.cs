namespace LimeCall.Sdk.Client;

/// <summary>The body of a created (or replayed) callback.</summary>
internal sealed class CallbackAnswer
{
    public string? Id { get; set; }

    public string? Status { get; set; }

    public DateTimeOffset? DueAt { get; set; }
}
