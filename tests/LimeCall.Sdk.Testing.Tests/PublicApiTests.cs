using LimeCall.Sdk.Testing.Sender;
using LimeCall.Sdk.Tests.Shared;

namespace LimeCall.Sdk.Testing.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void LimeCallSdkTesting_PublicApi_MatchesApprovedSnapshot()
        => PublicApiSnapshot.AssertMatchesApproved(typeof(LimeCallWebhookSender).Assembly);
}
