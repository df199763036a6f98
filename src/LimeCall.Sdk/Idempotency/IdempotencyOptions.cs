namespace LimeCall.Sdk.Idempotency;

/// <summary>How <see cref="IdempotentProcessor"/> claims and keeps keys.</summary>
public sealed class IdempotencyOptions
{
    /// <summary>The default of <see cref="LeaseDuration"/>: 15 seconds.</summary>
    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromSeconds(15);

    /// <summary>The default of <see cref="Retention"/>: 7 days.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(7);

    /// <summary>Gets or sets the namespace keys are claimed in, so apps and sources sharing a store stay apart.</summary>
    /// <value>Default <c>limecall</c>.</value>
    public string Namespace { get; set; } = "limecall";

    /// <summary>
    /// Gets or sets how long a claim lasts if its worker crashes before completing or releasing it; after
    /// that another worker may take the key over. While the work runs, <see cref="IdempotentProcessor"/> renews
    /// the lease every third of it, so it bounds how long a crashed instance holds a key, not how long a handler may run.
    /// </summary>
    /// <value>Default 15 seconds: a crashed instance's events move on within seconds. At least 3 seconds.</value>
    public TimeSpan LeaseDuration { get; set; } = DefaultLeaseDuration;

    /// <summary>
    /// Gets or sets how long a completed key is remembered. It must outlast every redelivery: LimeCall's
    /// longest schedule retries for 1 min + 5 min + 30 min + 2 h + 24 h (about 26.6 h), and a failed message
    /// can be redelivered by hand from the dashboard later still.
    /// </summary>
    /// <value>Default 7 days: the 26.6-hour schedule plus room for manual redelivery.</value>
    public TimeSpan Retention { get; set; } = DefaultRetention;

    internal void Validate()
    {
        _ = new IdempotencyKey(Namespace, "validation");
        if (LeaseDuration < TimeSpan.FromSeconds(3) || Retention <= LeaseDuration)
        {
            throw new InvalidOperationException("IdempotencyOptions.LeaseDuration must be at least 3 seconds and Retention longer than it.");
        }
    }
}
