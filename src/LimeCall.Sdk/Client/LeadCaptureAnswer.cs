namespace LimeCall.Sdk.Client;

/// <summary>The body of a captured lead.</summary>
internal sealed class LeadCaptureAnswer
{
    public string? Status { get; set; }

    public string? Message { get; set; }

    public string? AutoCallback { get; set; }
}
