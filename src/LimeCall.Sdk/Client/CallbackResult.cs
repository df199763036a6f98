namespace LimeCall.Sdk.Client;

/// <summary>The callback LimeCall accepted.</summary>
/// <param name="Id">The callback's id.</param>
/// <param name="Status"><c>queued</c> (calling now) or <c>scheduled</c> (held until its time or business hours).</param>
/// <param name="DueAt">When the call is placed, when the API said.</param>
/// <param name="IdempotencyKey">The key it was created with.</param>
/// <param name="Replayed">Whether the API answered from an earlier request with the same key (no new callback).</param>
public sealed record CallbackResult(string Id, string Status, DateTimeOffset? DueAt, string IdempotencyKey, bool Replayed);
