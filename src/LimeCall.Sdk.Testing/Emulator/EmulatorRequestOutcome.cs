namespace LimeCall.Sdk.Testing.Emulator;

/// <summary>How the emulator ended a request.</summary>
/// <remarks>The zero value is <see cref="None"/>: a request record never reads as answered by default.</remarks>
public enum EmulatorRequestOutcome
{
    /// <summary>Not recorded; no request has this outcome.</summary>
    None = 0,

    /// <summary>The emulator answered with <see cref="EmulatorRequest.StatusCode"/>.</summary>
    Answered = 1,

    /// <summary>The emulator dropped the connection without an answer (<see cref="EmulatedApiFault.AcceptThenDropConnection"/>).</summary>
    ConnectionDropped = 2,
}
