namespace LimeCall.Sdk.Webhooks;

/// <summary>A body held in one contiguous span.</summary>
internal readonly ref struct SpanBody(ReadOnlySpan<byte> body) : IMacInput
{
    private readonly ReadOnlySpan<byte> _body = body;

    public void ComputeMac(HmacSha256Key key, scoped Span<byte> destination) => key.Compute(_body, destination);
}
