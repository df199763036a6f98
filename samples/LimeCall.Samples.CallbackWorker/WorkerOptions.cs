namespace LimeCall.Sdk.Samples.CallbackWorker;

/// <summary>Where the worker sends leads; bound from <c>LimeCall</c>.</summary>
public sealed class WorkerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "LimeCall";

    /// <summary>Gets or sets your LimeCall inbound lead-capture webhook URL (from LimeCall's integrations page).</summary>
    public Uri? LeadCaptureUrl { get; set; }

    /// <summary>Gets or sets your team's number, which LimeCall rings first.</summary>
    public string TeamNumber { get; set; } = "+14155550100";
}
