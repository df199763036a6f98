namespace LimeCall.Sdk.Idempotency;

/// <summary>What <see cref="IdempotentProcessor.ExecuteAsync(string, Func{CancellationToken, ValueTask}, CancellationToken)"/> did.</summary>
public enum IdempotencyOutcome
{
    /// <summary>The work ran and succeeded (this was the first delivery, or an earlier attempt had failed).</summary>
    Executed = 0,

    /// <summary>The work had already been done for this key; it was not run again.</summary>
    Duplicate = 1,

    /// <summary>Another worker is doing the work right now; it was not run. Ask the sender to retry later.</summary>
    InProgressElsewhere = 2,
}
