namespace LimeCall.Sdk;

/// <summary>
/// The names every LimeCall.Sdk package reports under: one <c>ActivitySource</c> and one <c>Meter</c>, both
/// called <see cref="Name"/>. Subscribe with OpenTelemetry's <c>AddSource</c> / <c>AddMeter</c>.
/// </summary>
public static class LimeCallDiagnostics
{
    /// <summary>The name of the SDK's ActivitySource and Meter.</summary>
    /// <remarks>A constant on purpose: it is an identifier that never changes (renaming it would break every listener anyway),
    /// and OpenTelemetry's <c>AddSource</c> and <c>AddMeter</c> read well with it. Limits and defaults, which may change, are
    /// properties instead.</remarks>
    public const string Name = "LimeCall.Sdk";

    /// <summary>The one ActivitySource every package starts its activities on (sibling packages share internals).</summary>
    internal static readonly System.Diagnostics.ActivitySource ActivitySource = new(Name);
}
