using LimeCall.Sdk.Tests.Shared;

namespace LimeCall.Sdk.AspNetCore.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void LimeCallSdkAspNetCore_PublicApi_MatchesApprovedSnapshot()
        => PublicApiSnapshot.AssertMatchesApproved(typeof(LimeCallWebhookOptions).Assembly);
}
