using System.Runtime.InteropServices;

namespace LimeCall.Sdk.Idempotency;

/// <summary>The result of running work through an <see cref="IdempotentProcessor"/>.</summary>
/// <remarks>The zero value has <see cref="IdempotencyOutcome.None"/>: nothing ran. Members are <c>init</c>, so it can grow.</remarks>
[StructLayout(LayoutKind.Auto)]
public readonly record struct IdempotencyResult
{
    /// <summary>Gets what happened.</summary>
    public IdempotencyOutcome Outcome { get; init; }

    /// <summary>Gets, when <see cref="IdempotencyOutcome.InProgressElsewhere"/>, how long to wait before trying again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// Gets, when <see cref="IdempotencyOutcome.Executed"/>, whether the completion was recorded. <see langword="false"/>
    /// means the claim was taken over during the work (its renewals failed), so the work may run twice.
    /// </summary>
    public bool CompletionRecorded { get; init; }
}
