using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;
using LimeCall.Sdk.Webhooks.Serialization;

namespace LimeCall.Sdk.Benchmarks;

/// <summary>
/// Issue 16, item 1: verify + parse of the payloads that hurt, beside the floor a receiver that drops what it does not
/// know would pay: one-shot HMAC and a constant-time compare, then a source-generated <c>Deserialize</c> of the shape,
/// known in advance, into a model of the typed members only. A second reference keeps the unknown members the usual
/// way (<c>[JsonExtensionData]</c>), which is what keeping them costs when it is paid on every parse.
/// </summary>
[MemoryDiagnoser]
public class VerifyAndParseBenchmarks
{
    private const string Secret = "whsec_benchmark_secret_value";

    private byte[] _payload = [];
    private byte[] _key = [];
    private byte[] _expectedMac = [];
    private string _header = string.Empty;
    private LimeCallSignatureVerifier _verifier = null!;

    [Params("1 KiB", "64 KiB, one long string", "64 KiB, ~970 small unknown fields")]
    public string Payload { get; set; } = "1 KiB";

    [GlobalSetup]
    public void Setup()
    {
        _payload = Payload switch
        {
            "1 KiB" => Payloads.Enveloped,
            "64 KiB, one long string" => HeavyPayloads.OneLongString,
            _ => HeavyPayloads.ManySmallFields,
        };
        _key = Encoding.UTF8.GetBytes(Secret);
        _expectedMac = HMACSHA256.HashData(_key, _payload);
        _header = Convert.ToHexStringLower(_expectedMac);
        _verifier = new LimeCallSignatureVerifier(Secret);
        var parsed = VerifyAndParse() ?? throw new InvalidOperationException("The payload does not verify.");
        if (!string.Equals(parsed.Type, LimeCallEventTypes.CallCompleted, StringComparison.Ordinal)
            || !string.Equals(Floor()?.Data?.CallId, ((CallCompletedEvent)parsed.Data).CallId, StringComparison.Ordinal)
            || FloorKeepingUnknownMembers()?.Data?.AdditionalProperties is not { Count: > 0 })
        {
            throw new InvalidOperationException("A benchmark does not read the payload it is given.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _verifier.Dispose();

    private bool VerifiedByHand()
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, _payload, mac);
        return CryptographicOperations.FixedTimeEquals(mac, _expectedMac);
    }

    [Benchmark(Baseline = true, Description = "Floor: HMAC + FixedTimeEquals + source-generated Deserialize, unknown members dropped")]
    public HeavyFloorEnvelope? Floor()
        => VerifiedByHand() ? JsonSerializer.Deserialize(_payload, HeavyFloorJsonContext.Default.HeavyFloorEnvelope) : null;

    [Benchmark(Description = "Reference: the floor keeping unknown members in [JsonExtensionData]")]
    public HeavyFloorKeepingEnvelope? FloorKeepingUnknownMembers()
        => VerifiedByHand() ? JsonSerializer.Deserialize(_payload, HeavyFloorJsonContext.Default.HeavyFloorKeepingEnvelope) : null;

    [Benchmark(Description = "LimeCallSignatureVerifier.Verify + LimeCallEventSerializer.Parse")]
    public LimeCallEvent? VerifyAndParse()
        => _verifier.Verify(_payload, _header).IsValid ? LimeCallEventSerializer.Default.Parse(_payload) : null;
}

/// <summary>The two 64 KiB payloads of issue 16: one long unknown string, and about 970 small unknown members.</summary>
internal static class HeavyPayloads
{
    private const string Head = """{"id":"evt_3f9a0c2e7b1d4a6f8e0c","event":"call.completed","timestamp":"2025-01-30T15:00:00Z","data":{"call_id":"call_8f2k1x","caller_number":"+14155550123","duration":184,"outcome":"qualified","agent":{"id":"rep_42","name":"Dana Whitfield"}""";

    // The tail: `,"transcript":"` (16 bytes), the string, and `"}}` (3 bytes).
    public static readonly byte[] OneLongString = Build(size => ",\"transcript\":\"" + new string('a', size - 19) + "\"}}");

    public static readonly byte[] ManySmallFields = Build(size =>
    {
        var fields = new StringBuilder();
        for (var i = 0; fields.Length < size - 80; i++)
        {
            fields.Append(System.Globalization.CultureInfo.InvariantCulture, $",\"custom_field_{i:D4}\":\"value of custom field {i:D4} from the CRM sync\"");
        }

        return fields.Append("}}").ToString();
    });

    private static byte[] Build(Func<int, string> tail)
    {
        var payload = Encoding.UTF8.GetBytes(Head + tail((64 * 1024) - Head.Length));
        return payload.Length is > 60 * 1024 and <= 64 * 1024
            ? payload
            : throw new InvalidOperationException($"The payload should be about 64 KiB, not {payload.Length} bytes.");
    }
}

/// <summary>The floor's envelope: the canonical envelope's members, the data as a model of its typed members only.</summary>
public sealed class HeavyFloorEnvelope
{
    public string? Id { get; set; }

    public string? Event { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public CallCompletedModel? Data { get; set; }
}

/// <summary>
/// The typed members of <c>call.completed</c> (what a receiver that drops unknown members reads), with the SDK's tolerant
/// converters for the nested records. The parse floors of <see cref="EventParsingBenchmarks"/> build on it too.
/// </summary>
public class CallCompletedModel
{
    public string? CallId { get; set; }

    public string? CallbackId { get; set; }

    public string? CallerNumber { get; set; }

    public string? CalleeNumber { get; set; }

    public string? CustomerNumber { get; set; }

    public string? TeamNumber { get; set; }

    public string? TeamId { get; set; }

    public string? Direction { get; set; }

    public string? Status { get; set; }

    public int? Duration { get; set; }

    public string? Outcome { get; set; }

    public string? LeadSource { get; set; }

    public string? RecordingUrl { get; set; }

    [JsonConverter(typeof(TolerantObjectConverter<LimeCallAgent>))]
    public LimeCallAgent? Agent { get; set; }

    [JsonConverter(typeof(TolerantObjectConverter<LimeCallLead>))]
    public LimeCallLead? Lead { get; set; }
}

/// <summary>The same model keeping unknown members, each as a <see cref="JsonElement"/>.</summary>
public class CallCompletedModelKeepingUnknownMembers : CallCompletedModel
{
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>The reference's envelope: the floor's, with the data keeping its unknown members.</summary>
public sealed class HeavyFloorKeepingEnvelope
{
    public string? Id { get; set; }

    public string? Event { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public CallCompletedModelKeepingUnknownMembers? Data { get; set; }
}

/// <summary>The floor's contracts: the SDK's own options and converters, generated for the floor's types.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(TolerantStringConverter), typeof(TolerantInt32Converter), typeof(TolerantBooleanConverter), typeof(TolerantDateTimeOffsetConverter)])]
[JsonSerializable(typeof(HeavyFloorEnvelope))]
[JsonSerializable(typeof(HeavyFloorKeepingEnvelope))]
internal sealed partial class HeavyFloorJsonContext : JsonSerializerContext;
