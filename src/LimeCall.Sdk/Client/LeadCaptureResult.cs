namespace LimeCall.Sdk.Client;

/// <summary>LimeCall's answer to a captured lead.</summary>
/// <remarks>A plain class with <c>init</c> members (build one to mock the client), so it can gain members without breaking callers.</remarks>
public sealed class LeadCaptureResult
{
    /// <summary>Gets the API's <c>status</c>: <c>success</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Gets the API's <c>message</c>.</summary>
    public string? Message { get; init; }

    /// <summary>Gets the API's <c>auto_callback</c> (<c>initiated</c>), or <see langword="null"/> when none was asked for.</summary>
    public string? AutoCallback { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"LeadCaptureResult {{ Status = {Status}, AutoCallback = {AutoCallback} }}";
}
