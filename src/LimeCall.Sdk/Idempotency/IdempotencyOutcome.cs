namespace LimeCall.Sdk.Idempotency;

/// <summary>What <see cref="IdempotentProcessor.ExecuteAsync(string, Func{CancellationToken, ValueTask}, CancellationToken)"/> did.</summary>
/// <remarks>The zero value is <see cref="None"/>, so <c>default(IdempotencyResult)</c> never reads as work done.</remarks>
public enum IdempotencyOutcome
{
    /// <summary>Nothing ran: the value of a result no processor returned (<c>default</c>).</summary>
    None = 0,

    /// <summary>The work ran and succeeded (this was the first delivery, or an earlier attempt had failed).</summary>
    Executed = 1,

    /// <summary>The work had already been done for this key; it was not run again.</summary>
    Duplicate = 2,

    /// <summary>Another worker is doing the work right now; it was not run. Ask the sender to retry later.</summary>
    InProgressElsewhere = 3,
}
