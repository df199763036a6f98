namespace LimeCall.Sdk.Testing.Payloads;

/// <summary>The two payload shapes LimeCall's documents show.</summary>
public enum LimeCallPayloadShape
{
    /// <summary><c>{"id", "event", "timestamp", "data": {...}}</c>: the canonical shape.</summary>
    Enveloped = 0,

    /// <summary><c>{"event": "missed_call", "call_id": ..., ...}</c>: the LimePhone outbound-webhook samples.</summary>
    Flat = 1,
}
