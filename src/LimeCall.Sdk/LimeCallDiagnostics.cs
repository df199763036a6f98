namespace LimeCall.Sdk;

/// <summary>
/// The names every LimeCall.Sdk package reports under: one <c>ActivitySource</c> and one <c>Meter</c>, both
/// called <see cref="Name"/>. Subscribe with OpenTelemetry's <c>AddSource</c> / <c>AddMeter</c>.
/// </summary>
public static class LimeCallDiagnostics
{
    /// <summary>The name of the SDK's ActivitySource and Meter.</summary>
    public const string Name = "LimeCall.Sdk";

    /// <summary>The one ActivitySource every package starts its activities on (sibling packages share internals).</summary>
    internal static readonly System.Diagnostics.ActivitySource ActivitySource = new(Name);
}
