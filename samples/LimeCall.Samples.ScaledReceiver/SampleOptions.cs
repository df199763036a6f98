namespace LimeCall.Sdk.Samples.ScaledReceiver;

/// <summary>Knobs of the sample; bound from <c>Sample</c>.</summary>
public sealed class SampleOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sample";

    /// <summary>Gets or sets this instance's name, recorded with each follow-up.</summary>
    public string InstanceName { get; set; } = Environment.MachineName;

    /// <summary>Gets or sets how long the handler's "CRM call" takes: far longer than an acknowledgement.</summary>
    public TimeSpan HandlerWork { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the share of events (0 to 100, chosen by event id) whose first attempt fails, as a flaky CRM would.</summary>
    public int FailFirstAttemptPercent { get; set; }
}
