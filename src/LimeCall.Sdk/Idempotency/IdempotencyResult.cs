using System.Runtime.InteropServices;

namespace LimeCall.Sdk.Idempotency;

/// <summary>The result of running work through an <see cref="IdempotentProcessor"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="RetryAfter">When <see cref="IdempotencyOutcome.InProgressElsewhere"/>, how long until the other worker's lease runs out.</param>
/// <param name="CompletionRecorded">
/// When <see cref="IdempotencyOutcome.Executed"/>, whether the completion was recorded. <see langword="false"/>
/// means the lease ran out during the work and another worker took the key over, so the work may run
/// twice: raise <see cref="IdempotencyOptions.LeaseDuration"/>.
/// </param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct IdempotencyResult(IdempotencyOutcome Outcome, TimeSpan? RetryAfter = null, bool CompletionRecorded = false);
