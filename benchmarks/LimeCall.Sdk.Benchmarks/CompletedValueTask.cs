namespace LimeCall.Sdk.Benchmarks;

/// <summary>Reads the result of a store that answers synchronously, keeping Task allocations out of the numbers.</summary>
internal static class CompletedValueTask
{
    public static T Completed<T>(this ValueTask<T> task)
        => task.IsCompleted ? task.Result : throw new InvalidOperationException("The in-memory store completed asynchronously.");
}
