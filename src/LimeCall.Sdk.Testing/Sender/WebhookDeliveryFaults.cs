namespace LimeCall.Sdk.Testing.Sender;

/// <summary>Faults to inject into a message's first attempt, to test how a receiver copes. Retries are sent normally.</summary>
[Flags]
public enum WebhookDeliveryFaults
{
    /// <summary>No fault.</summary>
    None = 0,

    /// <summary>Send the same request twice (same body, same event id), the second right after the first.</summary>
    Duplicate = 1,

    /// <summary>Send a well-formed signature that does not match the body.</summary>
    WrongSignature = 2,

    /// <summary>Send no <c>X-LimeCall-Signature</c> header.</summary>
    MissingSignature = 4,

    /// <summary>Send half the body, then stall until the attempt times out (the receiver sees an aborted request).</summary>
    SlowBodyPastTimeout = 8,

    /// <summary>Send half the body, then drop the connection.</summary>
    DropConnection = 16,
}
