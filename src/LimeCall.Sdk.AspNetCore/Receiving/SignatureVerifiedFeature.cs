namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>Set on a request whose LimeCall signature was verified; internal, so no one else can set it.</summary>
internal sealed class SignatureVerifiedFeature
{
    public static readonly SignatureVerifiedFeature Instance = new();

    private SignatureVerifiedFeature()
    {
    }
}
