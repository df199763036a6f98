namespace LimeCall.Sdk.Testing.Sender;

/// <summary>What started a delivery attempt.</summary>
public enum WebhookDeliveryTrigger
{
    /// <summary>The first attempt or a retry on the schedule.</summary>
    Scheduled = 0,

    /// <summary>A redelivery asked for by hand.</summary>
    Manual = 1,

    /// <summary>A test event sent in test mode.</summary>
    Test = 2,
}
