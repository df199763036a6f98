namespace LimeCall.Sdk.Testing.Emulator;

/// <summary>A failure the emulator answers the next <c>POST /v1/callbacks</c> with, to test a client's resilience.</summary>
/// <remarks>The zero value is <see cref="None"/>: <c>default(EmulatedApiFault)</c> injects nothing, and is refused by <c>InjectFault</c>.</remarks>
public enum EmulatedApiFault
{
    /// <summary>No fault; not a value to inject.</summary>
    None = 0,

    /// <summary>429 with <c>Retry-After: 2</c>; the callback is not created.</summary>
    RateLimited = 1,

    /// <summary>503 with <c>Retry-After: 1</c>; the callback is not created.</summary>
    Unavailable = 2,

    /// <summary>The callback is created, then the connection is dropped before any answer: the outcome is unknown to the client.</summary>
    AcceptThenDropConnection = 3,

    /// <summary>500; the callback is not created.</summary>
    InternalError = 4,
}
