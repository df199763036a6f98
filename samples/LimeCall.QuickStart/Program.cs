using System.Text;
using LimeCall.Sdk.Webhooks;

// The LimeCall.Sdk quick start. Today it shows the first thing every receiver needs: proving that a
// webhook came from LimeCall. It signs a call.completed delivery the way LimeCall does, verifies it,
// then shows what a tampered body, a missing header and a rotated secret look like to a receiver.

const string Secret = "whsec_quickstart_demo";
var body = Encoding.UTF8.GetBytes(
    """{"id":"evt_01J9ZQ","event":"call.completed","timestamp":"2025-01-30T15:00:00Z","data":{"call_id":"123456","duration":184}}""");

// What LimeCall puts in X-LimeCall-Signature: lowercase hex HMAC-SHA256 of the raw body.
using var signer = new LimeCallSigner(Secret);
var signature = signer.Sign(body);
Console.WriteLine($"{LimeCallWebhookHeaders.Signature}: {signature[..12]}... ({signature.Length} hex digits)");

// What a receiver does: verify the raw bytes, exactly as received, before parsing them.
using var verifier = new LimeCallSignatureVerifier(Secret);
var checks = new (string Case, WebhookVerificationResult Result, WebhookVerificationOutcome Expected)[]
{
    ("genuine delivery", verifier.Verify(body, signature), WebhookVerificationOutcome.Valid),
    ("body tampered", verifier.Verify(Tamper(body), signature), WebhookVerificationOutcome.Mismatch),
    ("header missing", verifier.Verify(body, string.Empty), WebhookVerificationOutcome.Missing),
    ("header garbage", verifier.Verify(body, "not-a-signature"), WebhookVerificationOutcome.Malformed),
};

// Rotation: accept the new and the old secret while LimeCall switches over.
using var rotating = new LimeCallSignatureVerifier("whsec_next", Secret);
var rotated = rotating.Verify(body, signature);

var failures = 0;
foreach (var (name, result, expected) in checks)
{
    failures += Report(name, result, expected);
}

failures += Report($"signed with old secret, matched secret #{rotated.MatchedKeyIndex}", rotated, WebhookVerificationOutcome.Valid);
Console.WriteLine(failures == 0 ? "Quick start OK." : $"Quick start FAILED: {failures} unexpected outcome(s).");
return failures == 0 ? 0 : 1;

static byte[] Tamper(byte[] original)
{
    var copy = (byte[])original.Clone();
    copy[^3] ^= 0x01;
    return copy;
}

static int Report(string name, WebhookVerificationResult result, WebhookVerificationOutcome expected)
{
    var ok = result.Outcome == expected;
    Console.WriteLine($"  {(ok ? "ok  " : "FAIL")} {name,-45} -> {result.Outcome}");
    return ok ? 0 : 1;
}
