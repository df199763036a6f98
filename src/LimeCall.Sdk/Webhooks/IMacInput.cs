namespace LimeCall.Sdk.Webhooks;

/// <summary>
/// A body to authenticate, whatever its memory shape. Lets one generic verification routine serve
/// spans and sequences with no copy and no boxing.
/// </summary>
internal interface IMacInput
{
    void ComputeMac(HmacSha256Key key, scoped Span<byte> destination);
}
