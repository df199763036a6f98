namespace LimeCall.Sdk.Testing.Emulator;

/// <summary>A failure the emulator answers the next <c>POST /v1/callbacks</c> with, to test a client's resilience.</summary>
public enum EmulatorFault
{
    /// <summary>429 with <c>Retry-After: 2</c>; the callback is not created.</summary>
    RateLimited = 0,

    /// <summary>503 with <c>Retry-After: 1</c>; the callback is not created.</summary>
    Unavailable = 1,

    /// <summary>The callback is created, then the connection is dropped before any answer: the outcome is unknown to the client.</summary>
    AcceptThenDropConnection = 2,

    /// <summary>500; the callback is not created.</summary>
    InternalError = 3,
}
