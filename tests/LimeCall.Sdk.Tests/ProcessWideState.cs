namespace LimeCall.Sdk.Tests;

/// <summary>Tests that change process-wide state (the local time zone) run in this collection: after the parallel ones, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideState
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Process-wide state";
}
