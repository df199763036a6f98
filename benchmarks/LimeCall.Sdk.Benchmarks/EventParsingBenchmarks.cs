using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;
using LimeCall.Sdk.Webhooks.Serialization;

namespace LimeCall.Sdk.Benchmarks;

/// <summary>
/// Parsing a 1 KiB <c>call.completed</c> against the floor: one plain source-generated
/// <see cref="JsonSerializer.Deserialize(ReadOnlySpan{byte}, System.Text.Json.Serialization.Metadata.JsonTypeInfo)"/> into the
/// same record (for the enveloped shape, into a generated envelope holding that record), with the same
/// converters, knowing the shape and type in advance.
/// </summary>
[MemoryDiagnoser]
public class EventParsingBenchmarks
{
    private byte[] _payload = [];

    [Params("enveloped", "flat")]
    public string Shape { get; set; } = "enveloped";

    [GlobalSetup]
    public void Setup()
    {
        _payload = string.Equals(Shape, "enveloped", StringComparison.Ordinal) ? Payloads.Enveloped : Payloads.Flat;
        if (_payload.Length is < 1000 or > 1100)
        {
            throw new InvalidOperationException($"The payload should be about 1 KiB, not {_payload.Length} bytes.");
        }

        if (!string.Equals(Parse().Type, LimeCallEventTypes.CallCompleted, StringComparison.Ordinal) || Floor() is null)
        {
            throw new InvalidOperationException("Benchmark payload does not parse.");
        }
    }

    [Benchmark(Baseline = true, Description = "Floor: source-generated Deserialize, shape known")]
    public object? Floor() => string.Equals(Shape, "enveloped", StringComparison.Ordinal)
        ? JsonSerializer.Deserialize(_payload, FloorJsonContext.Default.CallCompletedEnvelope)
        : JsonSerializer.Deserialize(_payload, FloorJsonContext.Default.CallCompletedEvent);

    /// <summary>
    /// A stricter reference for the flat shape: a hand-written model with the envelope and data members side by side,
    /// so the envelope members cost nothing extra (into the SDK's record, they land in its unknown-property bag).
    /// For the enveloped shape it is the floor itself.
    /// </summary>
    [Benchmark(Description = "Reference: hand-written model of the shape")]
    public object? HandWrittenModel() => string.Equals(Shape, "enveloped", StringComparison.Ordinal)
        ? JsonSerializer.Deserialize(_payload, FloorJsonContext.Default.CallCompletedEnvelope)
        : JsonSerializer.Deserialize(_payload, FloorJsonContext.Default.FlatCallCompleted);

    [Benchmark(Description = "LimeCallEventSerializer.Parse")]
    public LimeCallEvent Parse() => LimeCallEventSerializer.Default.Parse(_payload);
}

/// <summary>The benchmark payloads: a realistic <c>call.completed</c> of about 1 KiB in both shapes.</summary>
internal static class Payloads
{
    private const string Data = """
        "call_id":"call_8f2k1x","callback_id":"cb_01JA2B3C","caller_number":"+14155550123","callee_number":"+14155550199",
        "customer_number":"+14155550123","team_number":"+14155550100","team_id":"team_001","direction":"inbound",
        "status":"completed","duration":184,"outcome":"qualified","lead_source":"google_ads",
        "recording_url":"https://limecall.io/recordings/call_8f2k1x-2025-01-30-15-00-00-recording-stereo.mp3",
        "agent":{"id":"rep_42","name":"Dana Whitfield","email":"dana.whitfield@example.com","phone":"+14155550142"},
        "lead":{"id":"lead_7731","name":"John Doe","email":"john.doe@example.com","phone":"+14155550123","company_name":"Acme Corporation International","source":"website_widget"}
        """;

    public static readonly byte[] Enveloped = Encoding.UTF8.GetBytes(
        $$$"""{"id":"evt_3f9a0c2e7b1d4a6f8e0c","event":"call.completed","timestamp":"2025-01-30T15:00:00Z","data":{{{{Compact(Data)}}},"notes":"Customer asked for a follow-up call next week about the enterprise plan pricing and onboarding. Prefers mornings; mentioned a competitor trial ending on Friday, budget approved for Q2. Send the case study and the SOC 2 report first."}}""");

    public static readonly byte[] Flat = Encoding.UTF8.GetBytes(
        $$"""{"event":"call_completed","timestamp":"2025-01-30T15:00:00Z",{{Compact(Data)}},"notes":"Customer asked for a follow-up call next week about the enterprise plan pricing and onboarding. Prefers mornings; mentioned a competitor trial ending on Friday, budget approved for Q2 and security review. Send the case study and SOC 2 report."}""");

    private static string Compact(string json) => json.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
}

/// <summary>The floor's envelope: what a hand-written, shape-specific model of the canonical envelope looks like.</summary>
public sealed class CallCompletedEnvelope
{
    public string? Id { get; set; }

    public string? Event { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public CallCompletedEvent? Data { get; set; }
}

/// <summary>
/// The floor's flat model: what a hand-written, shape-specific model of the flat payload looks like, envelope and data
/// members side by side (the SDK's records keep them apart, so the floor cannot reuse one).
/// </summary>
public sealed class FlatCallCompleted : CallCompletedModelKeepingUnknownMembers
{
    public string? Id { get; set; }

    public string? Event { get; set; }

    public DateTimeOffset? Timestamp { get; set; }
}

/// <summary>The floor's contracts: the SDK's own options and converters, generated for the floor's types.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(TolerantStringConverter), typeof(TolerantInt32Converter), typeof(TolerantBooleanConverter), typeof(TolerantDateTimeOffsetConverter)])]
[JsonSerializable(typeof(CallCompletedEnvelope))]
[JsonSerializable(typeof(CallCompletedEvent))]
[JsonSerializable(typeof(FlatCallCompleted))]
internal sealed partial class FloorJsonContext : JsonSerializerContext;
