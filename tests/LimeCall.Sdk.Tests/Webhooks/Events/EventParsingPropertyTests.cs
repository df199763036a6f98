using System.Text;
using FsCheck;
using FsCheck.Fluent;
using LimeCall.Sdk.Tests.Shared;
using LimeCall.Sdk.Webhooks;
using LimeCall.Sdk.Webhooks.Events;

namespace LimeCall.Sdk.Tests.Webhooks.Events;

/// <summary>
/// Hostile input: whatever bytes arrive, parsing ends, and ends either with an event or with the
/// documented <see cref="LimeCallPayloadException"/>; <c>TryParse</c> never throws at all.
/// </summary>
public sealed class EventParsingPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(1000);

    private static readonly string[] TypeNames =
        [.. LimeCallEventTypes.All, .. LimeCallEventTypes.Aliases.Values.SelectMany(a => a), "call.transferred", "", " "];

    private static readonly Gen<string> JsonText = Gen.Sized(size => JsonValue(Math.Min(size, 6)));

    private static readonly Gen<string> EventLike =
        from typeKey in Gen.Elements("event", "type", "event_type", "evt")
        from typeName in Gen.Elements(TypeNames)
        from enveloped in ArbMap.Default.GeneratorFor<bool>()
        from fields in Gen.Elements("call_id", "duration", "is_auto", "timestamp", "id", "data", "agent", "lead", "x")
            .SelectMany(k => JsonText.Select(v => $"\"{k}\":{v}")).UpTo(6)
        select enveloped
            ? $"{{\"{typeKey}\":\"{typeName}\",\"data\":{{{string.Join(',', fields)}}}}}"
            : $"{{{string.Join(',', fields.Prepend($"\"{typeKey}\":\"{typeName}\""))}}}";

    [Fact]
    public void Parse_ArbitraryBytes_OnlyEverThrowsThePayloadException()
    {
        var property = Prop.ForAll(
            Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().ToArbitrary(),
            bytes => ParsesOrFailsAsDocumented(bytes));

        Check.One(Runs, property);
    }

    [Fact]
    public void Parse_ArbitraryJsonValues_OnlyEverThrowsThePayloadException()
    {
        var property = Prop.ForAll(JsonText.ToArbitrary(), json => ParsesOrFailsAsDocumented(Encoding.UTF8.GetBytes(json)));

        Check.One(Runs, property);
    }

    [Fact]
    public void Parse_EventShapedJsonWithHostileValues_ParsesToTheNamedTypeOrFailsAsDocumented()
    {
        var property = Prop.ForAll(EventLike.ToArbitrary(), json =>
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var hasDuplicate = HasDuplicateMember(bytes);
            if (!LimeCallEventSerializer.Default.TryParse(bytes, out var evt, out var error))
            {
                // DuplicateProperty exactly when a member really is named twice, anywhere; a payload with no type and
                // no duplicate says so.
                return error == LimeCallPayloadError.DuplicateProperty
                    ? hasDuplicate
                    : (error == LimeCallPayloadError.TypeMissing && !hasDuplicate) || error == LimeCallPayloadError.NotJson;
            }

            if (hasDuplicate)
            {
                return false; // a payload with a member named twice never parses
            }

            // A known name always gives its own record; anything else the unknown-event record.
            var received = evt.ReceivedType;
            return LimeCallEventTypes.TryGetCanonical(received, out var canonical)
                ? string.Equals(evt.Type, canonical, StringComparison.Ordinal) && evt.Data is not UnknownLimeCallEvent
                : evt.Data is UnknownLimeCallEvent && evt.Equals(LimeCallEventSerializer.Default.Parse(LimeCallEventSerializer.Default.Serialize(evt)));
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void Parse_FixtureWithAnySingleByteChanged_OnlyEverThrowsThePayloadException()
    {
        var fixtures = EventFixtures.Names.Select(EventFixtures.Read).ToArray();
        var cases =
            from f in Gen.Choose(0, fixtures.Length - 1)
            from position in Gen.Choose(0, int.MaxValue)
            from value in Gen.Choose(0, 255)
            select (fixtures[f], position, (byte)value);

        var property = Prop.ForAll(cases.ToArbitrary(), input =>
        {
            var (fixture, position, value) = input;
            var mutated = (byte[])fixture.Clone();
            mutated[position % mutated.Length] = value;
            return ParsesOrFailsAsDocumented(mutated);
        });

        Check.One(Runs, property);
    }

    /// <summary>The oracle: System.Text.Json's own duplicate check over the whole document.</summary>
    private static bool HasDuplicateMember(byte[] json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json, new System.Text.Json.JsonDocumentOptions { AllowDuplicateProperties = false });
            return false;
        }
        catch (System.Text.Json.JsonException)
        {
            return true;
        }
    }

    private static bool ParsesOrFailsAsDocumented(byte[] bytes)
    {
        var tried = LimeCallEventSerializer.Default.TryParse(bytes, out var evt, out var error);
        try
        {
            var parsed = LimeCallEventSerializer.Default.Parse(bytes);
            return tried && error == LimeCallPayloadError.None && parsed.Equals(evt);
        }
        catch (LimeCallPayloadException ex)
        {
            return !tried && evt is null && ex.Error == error && error != LimeCallPayloadError.None;
        }
    }

    private static Gen<string> JsonValue(int depth)
    {
        var scalars = Gen.OneOf(
            Gen.Constant("null"),
            Gen.Elements("true", "false", "0", "1", "-1", "1.5e3", "184", "\"184\"", "\"\"", "\"x\"", "\"2025-01-30T15:00:00Z\"", "1738249200", "1e400", "-0"),
            ArbMap.Default.GeneratorFor<int>().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null).Select(s => System.Text.Json.JsonSerializer.Serialize(s)));
        if (depth <= 0)
        {
            return scalars;
        }

        var inner = JsonValue(depth - 1);
        var array = inner.UpTo(4).Select(items => "[" + string.Join(',', items) + "]");
        var obj = Gen.Elements("event", "type", "id", "data", "timestamp", "call_id", "agent", "a", "")
            .SelectMany(k => inner.Select(v => $"\"{k}\":{v}"))
            .UpTo(4)
            .Select(members => "{" + string.Join(',', members) + "}");
        return Gen.OneOf(scalars, array, obj);
    }
}
