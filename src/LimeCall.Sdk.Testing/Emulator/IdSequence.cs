namespace LimeCall.Sdk.Testing.Emulator;

/// <summary>The emulator's one counter for callback, lead and event ids, so every id it hands out is distinct.</summary>
internal sealed class IdSequence
{
    private long _last;

    public long Next() => Interlocked.Increment(ref _last);
}
