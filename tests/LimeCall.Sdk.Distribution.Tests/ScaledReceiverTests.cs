using LimeCall.Sdk.TestKit;

namespace LimeCall.Sdk.Distribution.Tests;

/// <summary>The two-instance sample, run by its own script against the test PostgreSQL server.</summary>
[RequiresPostgreSql]
public sealed class ScaledReceiverTests(PostgreSqlServer postgres) : IClassFixture<PostgreSqlServer>
{
    [StoreFact]
    public async Task TwoInstancesOnTheInbox_EachEventDeliveredToBothAtOnceAndAgain_IsAcknowledgedAndProducesOneFollowUp()
    {
        var (exitCode, output) = await ChildProcess.RunAsync(
            "bash",
            [Path.Combine(Repository.Sample("LimeCall.Samples.ScaledReceiver"), "run-two-instances.sh"), "10"],
            environment: new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["LIMECALL_POSTGRES"] = postgres.ConnectionString,
                ["LIMECALL_SAMPLE_CONFIGURATION"] = Repository.Configuration,
            });

        Assert.True(exitCode == 0, output);
        Assert.Contains("follow-ups: rows=10 events=10", output, StringComparison.Ordinal);
        Assert.Contains("answers: 200 x30  202 x10", output, StringComparison.Ordinal); // each event stored once, every copy acknowledged
        Assert.Contains("acknowledged in: max", output, StringComparison.Ordinal);
        Assert.Contains("two instances: every event processed exactly once", output, StringComparison.Ordinal);
    }
}
