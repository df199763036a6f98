namespace LimeCall.Sdk.Testing.Sender;

/// <summary>Where a message's delivery stands.</summary>
public enum WebhookMessageState
{
    /// <summary>Waiting for an earlier message of the same call, for its first attempt, or for a retry.</summary>
    InFlight = 0,

    /// <summary>An attempt got a 2xx answer.</summary>
    Delivered = 1,

    /// <summary>Every attempt failed, or a failure was not retryable; it can be redelivered by hand.</summary>
    Failed = 2,
}
