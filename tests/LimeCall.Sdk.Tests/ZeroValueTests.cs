using LimeCall.Sdk.Idempotency;
using LimeCall.Sdk.Webhooks;

namespace LimeCall.Sdk.Tests;

/// <summary>The zero value of every public result is the safe state: nothing verified, nothing claimed, nothing done.</summary>
public sealed class ZeroValueTests
{
    [Fact]
    public void DefaultVerificationResult_IsNotAPass()
    {
        var result = default(WebhookVerificationResult);

        Assert.False(result.IsValid);
        Assert.Equal(WebhookVerificationOutcome.NotVerified, result.Outcome);
        Assert.Equal(0, (int)result.Outcome);
    }

    [Fact]
    public void DefaultClaim_HoldsNothing()
    {
        var claim = default(IdempotencyClaim);

        Assert.NotEqual(IdempotencyClaimOutcome.Acquired, claim.Outcome);
        Assert.Equal(IdempotencyClaimOutcome.None, claim.Outcome);
    }

    [Fact]
    public void AcquiredClaim_CannotBeMadeWithoutAToken()
    {
        Assert.Throws<ArgumentException>(() => IdempotencyClaim.Acquired(default, DateTimeOffset.UnixEpoch));
        Assert.Throws<ArgumentException>(() => IdempotencyClaim.Acquired(IdempotencyClaimToken.FromGuid(Guid.Empty), DateTimeOffset.UnixEpoch));
        Assert.True(default(IdempotencyClaimToken).IsEmpty);

        var token = IdempotencyClaimToken.NewToken();
        var claim = IdempotencyClaim.Acquired(token, DateTimeOffset.UnixEpoch);
        Assert.Equal(IdempotencyClaimOutcome.Acquired, claim.Outcome);
        Assert.Equal(token, IdempotencyClaimToken.FromGuid(claim.Token.ToGuid()));
        Assert.NotEqual(token, IdempotencyClaimToken.NewToken());
    }

    [Fact]
    public void DefaultResult_SaysNothingRan()
    {
        var result = default(IdempotencyResult);

        Assert.NotEqual(IdempotencyOutcome.Executed, result.Outcome);
        Assert.NotEqual(IdempotencyOutcome.Duplicate, result.Outcome);
        Assert.False(result.CompletionRecorded);
    }

    [Fact]
    public void DefaultKey_HasNoNullMembers_AndIsRefused()
    {
        var key = default(IdempotencyKey);

        Assert.True(key.IsDefault);
        Assert.Equal((string.Empty, string.Empty), (key.Namespace, key.Value));
        Assert.Throws<ArgumentException>(() => IdempotencyKey.ThrowIfDefault(key));
        Assert.False(new IdempotencyKey("ns", "k").IsDefault);
    }

    [Fact]
    public void EveryPublicEnumWithAZeroMember_NamesASafeState()
    {
        // A zero that means success would let default(T) pass: only these names may stand at zero.
        string[] safe = ["None", "NotVerified", "Missing", "Json", "Enveloped", "InFlight", "Scheduled", "AnyFailure", "Completed"];
        var assemblies = new[] { typeof(LimeCallException).Assembly, typeof(Testing.Sender.LimeCallWebhookSender).Assembly };

        var zeros = assemblies.SelectMany(a => a.GetExportedTypes()).Where(t => t.IsEnum)
            .Select(t => (Type: t, Zero: Enum.GetName(t, Activator.CreateInstance(t)!)))
            .Where(z => z.Zero is not null);

        Assert.All(zeros, z => Assert.Contains(z.Zero, safe));
        Assert.DoesNotContain(zeros, z => z.Zero is "Valid" or "Acquired" or "Executed" or "Success");
    }
}
