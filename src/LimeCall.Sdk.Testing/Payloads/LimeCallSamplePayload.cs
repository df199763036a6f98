using System.Text;

namespace LimeCall.Sdk.Testing.Payloads;

/// <summary>A sample webhook payload for one event type in one shape.</summary>
public sealed class LimeCallSamplePayload
{
    private readonly byte[] _utf8Json;

    internal LimeCallSamplePayload(string eventType, LimeCallPayloadShape shape, string json)
    {
        EventType = eventType;
        Shape = shape;
        Json = json;
        _utf8Json = Encoding.UTF8.GetBytes(json);
    }

    /// <summary>Gets the canonical event type, for example <c>call.completed</c>.</summary>
    public string EventType { get; }

    /// <summary>Gets the payload's shape.</summary>
    public LimeCallPayloadShape Shape { get; }

    /// <summary>Gets the payload as JSON text.</summary>
    public string Json { get; }

    /// <summary>Gets the payload as UTF-8 bytes, ready to sign and send.</summary>
    public ReadOnlyMemory<byte> Utf8Json => _utf8Json;

    /// <summary>Names the sample, for test output.</summary>
    /// <returns>For example <c>call.completed (Enveloped)</c>.</returns>
    public override string ToString() => $"{EventType} ({Shape})";
}
