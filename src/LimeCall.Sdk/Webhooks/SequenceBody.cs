using System.Buffers;

namespace LimeCall.Sdk.Webhooks;

/// <summary>A body that arrived in segments, as a <c>PipeReader</c> delivers it.</summary>
internal readonly ref struct SequenceBody(in ReadOnlySequence<byte> body) : IMacInput
{
    private readonly ReadOnlySequence<byte> _body = body;

    public void ComputeMac(HmacSha256Key key, scoped Span<byte> destination) => key.Compute(_body, destination);
}
