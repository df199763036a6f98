namespace LimeCall.Sdk.Testing.Emulator;

/// <summary>How an emulated callback call ends.</summary>
public enum EmulatedCallOutcome
{
    /// <summary>The customer answers: <c>call.initiated</c>, <c>call.connected</c>, then <c>call.completed</c>.</summary>
    Completed = 0,

    /// <summary>Nobody answers: <c>call.initiated</c>, then <c>call.missed</c>.</summary>
    Missed = 1,
}
