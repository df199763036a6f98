namespace LimeCall.Sdk.Testing.Emulator;

/// <summary>Where an emulated callback stands.</summary>
public enum EmulatedCallbackStatus
{
    /// <summary>Accepted, waiting for its time or for business hours.</summary>
    Scheduled = 0,

    /// <summary>Dialling.</summary>
    Initiated = 1,

    /// <summary>Connected.</summary>
    Connected = 2,

    /// <summary>Finished after connecting.</summary>
    Completed = 3,

    /// <summary>Nobody answered.</summary>
    Missed = 4,
}
