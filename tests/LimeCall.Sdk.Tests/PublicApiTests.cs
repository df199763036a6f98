using LimeCall.Sdk.Tests.Shared;
using LimeCall.Sdk.Webhooks;

namespace LimeCall.Sdk.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void LimeCallSdk_PublicApi_MatchesApprovedSnapshot()
        => PublicApiSnapshot.AssertMatchesApproved(typeof(LimeCallSignatureVerifier).Assembly);
}
