using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LimeCall.Sdk.Generators;

/// <summary>
/// Derives every event-type table of LimeCall.Sdk from one declaration per event type: the
/// <c>[LimeCallEventType("call.missed", "missed_call", ...)]</c> attribute on the record. It writes the public
/// <c>LimeCallEventTypes</c> constants, <c>All</c> and <c>Aliases</c>, and the serializer's type table.
/// </summary>
/// <remarks>
/// The JSON contract of each record still needs its <c>[JsonSerializable]</c> line in the SDK's context: one source
/// generator cannot see another's output, so this generator cannot write that line for System.Text.Json's. It does
/// the next best thing and fails the build (LCSDKGEN003) when the line is missing, so the two cannot drift.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class EventTypeGenerator : IIncrementalGenerator
{
    internal const string AttributeName = "LimeCall.Sdk.Webhooks.Events.LimeCallEventTypeAttribute";
    private const string DataBaseName = "LimeCall.Sdk.Webhooks.Events.LimeCallEventData";
    private const string JsonSerializableName = "System.Text.Json.Serialization.JsonSerializableAttribute";

    private static readonly DiagnosticDescriptor NotAnEventRecord = new(
        "LCSDKGEN001", "Not an event record", "'{0}' carries [LimeCallEventType] but is not a sealed type derived from LimeCallEventData whose name ends in 'Event'",
        "LimeCall.Sdk", DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static readonly DiagnosticDescriptor NameTaken = new(
        "LCSDKGEN002", "Event type name used twice", "'{0}' of '{1}' is already the name or an alias of '{2}' (names are matched case-insensitively)",
        "LimeCall.Sdk", DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static readonly DiagnosticDescriptor NoJsonContract = new(
        "LCSDKGEN003", "Event record has no JSON contract", "Add [JsonSerializable(typeof({0}))] to the SDK's JsonSerializerContext: without it the record cannot be parsed under trimming or Native AOT",
        "LimeCall.Sdk", DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static readonly DiagnosticDescriptor NoName = new(
        "LCSDKGEN004", "Event type name missing", "'{0}' needs a non-empty event type name",
        "LimeCall.Sdk", DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var declared = context.SyntaxProvider.ForAttributeWithMetadataName(
            AttributeName,
            static (node, _) => node is TypeDeclarationSyntax,
            static (ctx, _) => Describe((INamedTypeSymbol)ctx.TargetSymbol, ctx.Attributes[0]))
            .Collect();

        var contracts = context.SyntaxProvider.ForAttributeWithMetadataName(
            JsonSerializableName,
            static (node, _) => node is ClassDeclarationSyntax,
            static (ctx, _) => ctx.Attributes
                .Select(a => a.ConstructorArguments.Length == 1 ? a.ConstructorArguments[0].Value as ITypeSymbol : null)
                .Where(t => t is not null)
                .Select(t => t!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
                .ToImmutableArray())
            .Collect();

        context.RegisterSourceOutput(declared.Combine(contracts), static (spc, input) => Emit(spc, input.Left, input.Right));
    }

    private static EventDeclaration Describe(INamedTypeSymbol type, AttributeData attribute)
    {
        var args = attribute.ConstructorArguments;
        var name = args.Length > 0 ? args[0].Value as string : null;
        var aliases = args.Length > 1 && args[1].Kind == TypedConstantKind.Array
            ? args[1].Values.Select(v => v.Value as string).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToArray()
            : [];

        var isEventRecord = type.IsSealed && type.Name.EndsWith("Event", StringComparison.Ordinal) && DerivesFromData(type);
        return new EventDeclaration(
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            type.Name,
            name ?? string.Empty,
            aliases,
            isEventRecord,
            type.Locations.FirstOrDefault());
    }

    private static bool DerivesFromData(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (string.Equals(current.ToDisplayString(), DataBaseName, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void Emit(SourceProductionContext context, ImmutableArray<EventDeclaration> declared, ImmutableArray<ImmutableArray<string>> contracts)
    {
        var withContract = new HashSet<string>(contracts.SelectMany(c => c), StringComparer.Ordinal);
        var taken = new Dictionary<string, EventDeclaration>(StringComparer.OrdinalIgnoreCase);
        var valid = new List<EventDeclaration>();
        foreach (var declaration in declared.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            if (!Validate(context, declaration, withContract, taken))
            {
                continue;
            }

            valid.Add(declaration);
        }

        if (valid.Count == 0)
        {
            return;
        }

        context.AddSource("LimeCallEventTypes.g.cs", SourceText.From(WriteEventTypes(valid), Encoding.UTF8));
        context.AddSource("EventContract.g.cs", SourceText.From(WriteContract(valid), Encoding.UTF8));
    }

    private static bool Validate(SourceProductionContext context, EventDeclaration declaration, HashSet<string> withContract, Dictionary<string, EventDeclaration> taken)
    {
        if (!declaration.IsEventRecord)
        {
            context.ReportDiagnostic(Diagnostic.Create(NotAnEventRecord, declaration.Location, declaration.ClassName));
            return false;
        }

        if (string.IsNullOrWhiteSpace(declaration.Name))
        {
            context.ReportDiagnostic(Diagnostic.Create(NoName, declaration.Location, declaration.ClassName));
            return false;
        }

        if (!withContract.Contains(declaration.FullName))
        {
            context.ReportDiagnostic(Diagnostic.Create(NoJsonContract, declaration.Location, declaration.ClassName));
        }

        var ok = true;
        foreach (var name in new[] { declaration.Name }.Concat(declaration.Aliases))
        {
            if (taken.TryGetValue(name.Trim(), out var owner))
            {
                context.ReportDiagnostic(Diagnostic.Create(NameTaken, declaration.Location, name, declaration.ClassName, owner.ClassName));
                ok = false;
            }
            else
            {
                taken[name.Trim()] = declaration;
            }
        }

        return ok;
    }

    private static string WriteEventTypes(List<EventDeclaration> events)
    {
        var s = new StringBuilder();
        s.AppendLine("// <auto-generated/> by LimeCall.Sdk.Generators from the [LimeCallEventType] attributes.");
        s.AppendLine("#nullable enable");
        s.AppendLine("namespace LimeCall.Sdk.Webhooks.Events;");
        s.AppendLine();
        s.AppendLine("public static partial class LimeCallEventTypes");
        s.AppendLine("{");
        foreach (var e in events)
        {
            s.Append("    /// <summary><c>").Append(Xml(e.Name)).Append("</c>: the type of <see cref=\"").Append(e.FullName).AppendLine("\"/>.</summary>");
            s.Append("    public const string ").Append(e.ConstName).Append(" = ").Append(Literal(e.Name)).AppendLine(";");
            s.AppendLine();
        }

        s.AppendLine("    /// <summary>Gets every canonical event type, in ordinal order.</summary>");
        s.AppendLine("    public static global::System.Collections.Generic.IReadOnlyList<string> All { get; } =");
        s.AppendLine("        global::System.Array.AsReadOnly(new string[]");
        s.AppendLine("        {");
        foreach (var e in events)
        {
            s.Append("            ").Append(e.ConstName).AppendLine(",");
        }

        s.AppendLine("        });");
        s.AppendLine();
        s.AppendLine("    /// <summary>Gets the aliases accepted for each canonical type that has any (the canonical name itself excluded).</summary>");
        s.AppendLine("    public static global::System.Collections.Generic.IReadOnlyDictionary<string, global::System.Collections.Generic.IReadOnlyList<string>> Aliases { get; } =");
        s.AppendLine("        new global::System.Collections.ObjectModel.ReadOnlyDictionary<string, global::System.Collections.Generic.IReadOnlyList<string>>(");
        s.AppendLine("            new global::System.Collections.Generic.Dictionary<string, global::System.Collections.Generic.IReadOnlyList<string>>(global::System.StringComparer.Ordinal)");
        s.AppendLine("            {");
        foreach (var e in events.Where(e => e.Aliases.Length > 0))
        {
            s.Append("                [").Append(e.ConstName).Append("] = global::System.Array.AsReadOnly(new string[] { ")
                .Append(string.Join(", ", e.Aliases.Select(Literal))).AppendLine(" }),");
        }

        s.AppendLine("            });");
        s.AppendLine("}");
        return s.ToString();
    }

    private static string WriteContract(List<EventDeclaration> events)
    {
        var s = new StringBuilder();
        s.AppendLine("// <auto-generated/> by LimeCall.Sdk.Generators from the [LimeCallEventType] attributes.");
        s.AppendLine("#nullable enable");
        s.AppendLine("namespace LimeCall.Sdk.Webhooks.Serialization;");
        s.AppendLine();
        s.AppendLine("internal static partial class EventContract");
        s.AppendLine("{");
        s.AppendLine("    /// <summary>Each canonical event type and its record. A method, not a field: static fields of partial classes initialise in no defined order.</summary>");
        s.AppendLine("    private static global::System.Collections.Generic.KeyValuePair<string, global::System.Type>[] DeclaredTypes() =>");
        s.AppendLine("        new global::System.Collections.Generic.KeyValuePair<string, global::System.Type>[]");
        s.AppendLine("        {");
        foreach (var e in events)
        {
            s.Append("            new(").Append(Literal(e.Name)).Append(", typeof(").Append(e.FullName).AppendLine(")),");
        }

        s.AppendLine("        };");
        s.AppendLine("}");
        return s.ToString();
    }

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private static string Xml(string value)
        => value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
