using System.Reflection;
using System.Runtime.Loader;
using LimeCall.Sdk.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LimeCall.Sdk.Tests.Webhooks.Events;

/// <summary>
/// The generator that turns one <c>[LimeCallEventType]</c> declaration into every event-type table, run on a throwaway
/// event type: adding an event type is one attribute on one record (plus the JSON contract line the build insists on).
/// </summary>
public sealed class EventTypeGeneratorTests
{
    // The shapes the generator reads, as LimeCall.Sdk declares them, and nothing else of the SDK; in C# 10, the
    // language of the Roslyn the generator is built against.
    private const string Sdk = """
        using System.Text.Json.Serialization;
        namespace LimeCall.Sdk.Webhooks.Events
        {
            [System.AttributeUsage(System.AttributeTargets.Class, Inherited = false)]
            internal sealed class LimeCallEventTypeAttribute : System.Attribute
            {
                public LimeCallEventTypeAttribute(string name, params string[] aliases) { }
            }
            public abstract record LimeCallEventData;
            public abstract record CallEvent : LimeCallEventData { public string? CallId { get; init; } }
            public static partial class LimeCallEventTypes { }
        }
        namespace LimeCall.Sdk.Webhooks.Serialization
        {
            internal static partial class EventContract
            {
                public static System.Collections.Generic.KeyValuePair<string, System.Type>[] Declared() => DeclaredTypes();
            }
        }
        """;

    private const string Throwaway = """
        namespace LimeCall.Sdk.Webhooks.Events
        {
            [LimeCallEventType("call.teleported", "Call Teleported", "teleported_call")]
            public sealed record CallTeleportedEvent : CallEvent;
        }
        namespace LimeCall.Sdk.Webhooks.Serialization
        {
            [System.Text.Json.Serialization.JsonSerializable(typeof(LimeCall.Sdk.Webhooks.Events.CallTeleportedEvent))]
            internal sealed partial class ThrowawayContext { }
        }
        """;

    [Fact]
    public void OneDeclaration_IsListedInEveryTable()
    {
        var assembly = Load(Run(Sdk, Throwaway, out var diagnostics));

        Assert.Empty(diagnostics);
        var types = assembly.GetType("LimeCall.Sdk.Webhooks.Events.LimeCallEventTypes")!;
        var record = assembly.GetType("LimeCall.Sdk.Webhooks.Events.CallTeleportedEvent")!;
        Assert.Equal("call.teleported", types.GetField("CallTeleported")!.GetRawConstantValue());
        Assert.Equal(["call.teleported"], (IReadOnlyList<string>)types.GetProperty("All")!.GetValue(null)!);
        var aliases = (IReadOnlyDictionary<string, IReadOnlyList<string>>)types.GetProperty("Aliases")!.GetValue(null)!;
        Assert.Equal(["Call Teleported", "teleported_call"], aliases["call.teleported"]);
        var declared = (KeyValuePair<string, Type>[])assembly.GetType("LimeCall.Sdk.Webhooks.Serialization.EventContract")!
            .GetMethod("Declared")!.Invoke(null, null)!;
        Assert.Equal([new KeyValuePair<string, Type>("call.teleported", record)], declared);
    }

    [Fact]
    public void ARecordWithoutItsJsonContract_FailsTheBuild()
    {
        Run(Sdk, Throwaway.Replace("[System.Text.Json.Serialization.JsonSerializable(typeof(LimeCall.Sdk.Webhooks.Events.CallTeleportedEvent))]", string.Empty, StringComparison.Ordinal), out var diagnostics);

        Assert.Equal("LCSDKGEN003", Assert.Single(diagnostics).Id);
    }

    [Theory]
    [InlineData("\"call.teleported\"", "LCSDKGEN002")] // the canonical name twice
    [InlineData("\"TELEPORTED_CALL\"", "LCSDKGEN002")] // another record's alias, in another case
    [InlineData("\" \"", "LCSDKGEN004")]
    public void ANameTakenOrMissing_FailsTheBuild(string name, string expected)
    {
        var second = $$"""
            namespace LimeCall.Sdk.Webhooks.Events
            {
                [LimeCallEventType({{name}})]
                public sealed record CallVanishedEvent : CallEvent;
            }
            namespace LimeCall.Sdk.Webhooks.Serialization
            {
                [System.Text.Json.Serialization.JsonSerializable(typeof(LimeCall.Sdk.Webhooks.Events.CallVanishedEvent))]
                internal sealed partial class SecondContext { }
            }
            """;

        Run(Sdk, Throwaway + second, out var diagnostics);

        Assert.Equal(expected, Assert.Single(diagnostics).Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostics[0].Severity);
    }

    [Theory]
    [InlineData("public record CallTeleportedEvent : CallEvent;")] // not sealed
    [InlineData("public sealed record CallTeleported : CallEvent;")] // no Event suffix
    [InlineData("public sealed record CallTeleportedEvent;")] // not event data
    public void AnAttributeOnSomethingElse_FailsTheBuild(string declaration)
    {
        var source = $$"""
            namespace LimeCall.Sdk.Webhooks.Events
            {
                [LimeCallEventType("call.teleported")]
                {{declaration}}
            }
            """;

        Run(Sdk, source, out var diagnostics);

        Assert.Equal("LCSDKGEN001", Assert.Single(diagnostics).Id);
    }

    private static CSharpCompilation Run(string sdk, string events, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var parse = new CSharpParseOptions(LanguageVersion.CSharp10);
        var compilation = CSharpCompilation.Create(
            "Throwaway" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(sdk, parse), CSharpSyntaxTree.ParseText(events, parse)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        CSharpGeneratorDriver.Create(new EventTypeGenerator()).WithUpdatedParseOptions(parse)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);

        // The contexts are partial classes without System.Text.Json's generator here: only the generator's own findings count,
        // and what it wrote must compile.
        diagnostics = generatorDiagnostics;
        var compileErrors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(generatorDiagnostics.Length > 0 || compileErrors.Count == 0, string.Join(Environment.NewLine, compileErrors));
        return (CSharpCompilation)output;
    }

    private static Assembly Load(CSharpCompilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        image.Position = 0;
        return new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true).LoadFromStream(image);
    }
}
