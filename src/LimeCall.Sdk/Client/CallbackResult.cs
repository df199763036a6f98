namespace LimeCall.Sdk.Client;

/// <summary>The callback LimeCall accepted.</summary>
/// <remarks>A plain class with <c>init</c> members (build one to mock the client), so it can gain members without breaking callers.</remarks>
public sealed class CallbackResult
{
    /// <summary>Gets the callback's id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets <c>queued</c> (calling now) or <c>scheduled</c> (held until its time or business hours).</summary>
    public required string Status { get; init; }

    /// <summary>Gets when the call is placed, when the API said.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Gets the key it was created with.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>Gets whether the API answered from an earlier request with the same key (no new callback).</summary>
    public bool Replayed { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"CallbackResult {{ Id = {Id}, Status = {Status}, Replayed = {Replayed} }}";
}
