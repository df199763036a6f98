using FsCheck;
using FsCheck.Fluent;
using LimeCall.Sdk.Webhooks;

namespace LimeCall.Sdk.Tests.Webhooks;

/// <summary>Properties that must hold for every body, every secret and every single-byte change.</summary>
public sealed class SignaturePropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static readonly Gen<byte[]> Bytes = Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf();

    private static readonly Gen<string> Secrets =
        Gen.Elements("s", "whsec_abc", "It's a Secret to Everybody", "ünïcødé-sëcret", new string('k', 200));

    [Fact]
    public void Verify_AnyBodyWithItsOwnSignature_IsValid()
    {
        var property = Prop.ForAll(
            Gen.Zip(Bytes, Secrets).ToArbitrary(),
            input =>
            {
                var (body, secret) = input;
                using var verifier = new LimeCallSignatureVerifier(secret);
                using var signer = new LimeCallSigner(secret);
                return verifier.Verify(body, signer.Sign(body)).IsValid;
            });

        Check.One(Runs, property);
    }

    [Fact]
    public void Verify_AnySingleByteOfTheBodyTampered_IsMismatch()
    {
        var cases =
            from body in Bytes.Where(b => b.Length > 0)
            from index in Gen.Choose(0, int.MaxValue)
            from flip in Gen.Choose(1, 255)
            from secret in Secrets
            select (body, index % body.Length, (byte)flip, secret);

        var property = Prop.ForAll(cases.ToArbitrary(), input =>
        {
            var (body, index, flip, secret) = input;
            using var verifier = new LimeCallSignatureVerifier(secret);
            using var signer = new LimeCallSigner(secret);
            var signature = signer.Sign(body);
            var tampered = (byte[])body.Clone();
            tampered[index] ^= flip;
            return verifier.Verify(tampered, signature).Outcome == WebhookVerificationOutcome.Mismatch;
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void Verify_AnySingleByteOfTheSignatureTamperedInAnyForm_IsMismatch()
    {
        var forms = SignatureVectors.AcceptedForms(new string('0', 64)).Count();
        var cases =
            from body in Bytes
            from index in Gen.Choose(0, 31)
            from flip in Gen.Choose(1, 255)
            from form in Gen.Choose(0, forms - 1)
            select (body, index, (byte)flip, form);

        var property = Prop.ForAll(cases.ToArbitrary(), input =>
        {
            var (body, index, flip, form) = input;
            using var verifier = new LimeCallSignatureVerifier("secret");
            using var signer = new LimeCallSigner("secret");
            var mac = Convert.FromHexString(signer.Sign(body));
            mac[index] ^= flip;
            var header = SignatureVectors.AcceptedForms(Convert.ToHexStringLower(mac)).ElementAt(form);
            return verifier.Verify(body, header).Outcome == WebhookVerificationOutcome.Mismatch;
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void Verify_AnyHeaderText_NeverThrowsAndIsNeverValid()
    {
        var headers = Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>(),
            Gen.Choose(0, 0xFFFF).Select(c => (char)c).ArrayOf().Select(c => new string(c)),
            Gen.Elements("0123456789abcdefABCDEF+/=-_, \tsha256".ToCharArray()).ArrayOf().Select(c => new string(c)));

        using var verifier = new LimeCallSignatureVerifier("secret");
        var property = Prop.ForAll(headers.ToArbitrary(), header =>
            !verifier.Verify("{\"event\":\"call.missed\"}"u8, header).IsValid);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }
}
