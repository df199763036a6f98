namespace LimeCall.Sdk.AspNetCore.Tests;

/// <summary>
/// Tests that measure the process (allocations) run in this collection: after the parallel ones, one at a time. An
/// activity or meter listener that another test holds is process-wide: while it listens, every delivery starts a real
/// <see cref="System.Diagnostics.Activity"/>, about a kilobyte a delivery no user without tracing pays.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Unshared
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Alone in the process";
}
