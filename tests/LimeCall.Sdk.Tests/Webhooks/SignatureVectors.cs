using System.Text;

namespace LimeCall.Sdk.Tests.Webhooks;

/// <summary>Published HMAC-SHA256 vectors the verifier and signer must agree with.</summary>
internal static class SignatureVectors
{
    /// <summary>GitHub's documented webhook example.</summary>
    public const string GitHubSecret = "It's a Secret to Everybody";
    public const string GitHubPayload = "Hello, World!";
    public const string GitHubHex = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    /// <summary>RFC 4231 test case 1: key 0x0b repeated 20 times, data "Hi There".</summary>
    public static readonly byte[] Rfc4231Case1Key = Enumerable.Repeat((byte)0x0b, 20).ToArray();
    public static readonly byte[] Rfc4231Case1Data = Encoding.ASCII.GetBytes("Hi There");
    public const string Rfc4231Case1Hex = "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7";

    /// <summary>RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".</summary>
    public static readonly byte[] Rfc4231Case2Key = Encoding.ASCII.GetBytes("Jefe");
    public static readonly byte[] Rfc4231Case2Data = Encoding.ASCII.GetBytes("what do ya want for nothing?");
    public const string Rfc4231Case2Hex = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    /// <summary>Every header form the contract accepts for a signature given as lowercase hex.</summary>
    public static IEnumerable<string> AcceptedForms(string lowerHex)
    {
        var bytes = Convert.FromHexString(lowerHex);
        var base64 = Convert.ToBase64String(bytes);
        var base64Url = base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
        yield return lowerHex;
        yield return lowerHex.ToUpperInvariant();
        yield return "sha256=" + lowerHex;
        yield return "SHA256=" + lowerHex.ToUpperInvariant();
        yield return base64;
        yield return base64.TrimEnd('=');
        yield return base64Url;
        yield return "sha256=" + base64;
        yield return "  " + lowerHex + "  ";
    }
}
