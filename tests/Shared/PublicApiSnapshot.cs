using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace LimeCall.Sdk.Tests.Shared;

/// <summary>
/// Renders an assembly's public surface as stable, sorted text, and compares it with an approved file
/// committed beside the tests, so that every change of the public API shows up in review.
/// </summary>
internal static class PublicApiSnapshot
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>
    /// Fails with a readable difference when <paramref name="assembly"/>'s public API differs from
    /// <c>PublicApi/{name}.approved.txt</c>. Writes <c>.received.txt</c> beside it to approve by copying.
    /// </summary>
    public static void AssertMatchesApproved(Assembly assembly)
    {
        var name = assembly.GetName().Name!;
        var folder = Path.Combine(TestProject.Directory, "PublicApi");
        var approvedPath = Path.Combine(folder, name + ".approved.txt");
        var receivedPath = Path.Combine(folder, name + ".received.txt");
        var actual = Render(assembly);
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;

        if (string.Equals(actual, approved, StringComparison.Ordinal))
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(receivedPath, actual);
        var approvedLines = approved.Split('\n').ToHashSet(StringComparer.Ordinal);
        var actualLines = actual.Split('\n').ToHashSet(StringComparer.Ordinal);
        var diff = new StringBuilder()
            .AppendLine($"The public API of {name} changed. Review, then copy {receivedPath} over {approvedPath}.");
        foreach (var line in actualLines.Where(l => !approvedLines.Contains(l)))
        {
            diff.Append("+ ").AppendLine(line);
        }

        foreach (var line in approvedLines.Where(l => !actualLines.Contains(l)))
        {
            diff.Append("- ").AppendLine(line);
        }

        Assert.Fail(diff.ToString());
    }

    public static string Render(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(TypeDeclaration(type)).Append('\n');
            foreach (var member in Members(type).Order(StringComparer.Ordinal))
            {
                text.Append("  ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string> Members(Type type)
    {
        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                yield return $"{field.Name} = {Convert.ToInt64(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}";
            }

            yield break;
        }

        if (typeof(Delegate).IsAssignableFrom(type))
        {
            yield break;
        }

        foreach (var ctor in type.GetConstructors(Declared | BindingFlags.NonPublic).Where(c => c.IsPublic || c.IsFamily || c.IsFamilyOrAssembly))
        {
            yield return $"{Access(ctor)}ctor({Parameters(ctor)})";
        }

        foreach (var field in type.GetFields(Declared | BindingFlags.NonPublic).Where(f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly))
        {
            var modifiers = field.IsLiteral ? "const " : (field.IsStatic ? "static " : string.Empty) + (field.IsInitOnly ? "readonly " : string.Empty);
            var value = field.IsLiteral ? " = " + Literal(field.GetRawConstantValue()) : string.Empty;
            yield return $"{Access(field)}{modifiers}{Name(field.FieldType, Nullability.Create(field))} {field.Name}{value}";
        }

        foreach (var line in PropertiesAndEvents(type))
        {
            yield return line;
        }

        foreach (var method in type.GetMethods(Declared | BindingFlags.NonPublic).Where(m => Visible(m) && !m.IsSpecialName))
        {
            if (IsCompilerGenerated(method))
            {
                continue;
            }

            var generic = method.IsGenericMethodDefinition ? $"<{string.Join(", ", method.GetGenericArguments().Select(a => a.Name))}>" : string.Empty;
            var extension = method.IsDefined(typeof(ExtensionAttribute), false) ? "this " : string.Empty;
            yield return $"{Access(method)}{Modifiers(method)}{Name(method.ReturnType, Nullability.Create(method.ReturnParameter))} {method.Name}{generic}({extension}{Parameters(method)})";
        }

        foreach (var op in type.GetMethods(Declared).Where(m => m.IsSpecialName && m.Name.StartsWith("op_", StringComparison.Ordinal)))
        {
            yield return $"public static {Name(op.ReturnType)} {op.Name}({Parameters(op)})";
        }
    }

    private static IEnumerable<string> PropertiesAndEvents(Type type)
    {
        foreach (var property in type.GetProperties(Declared | BindingFlags.NonPublic))
        {
            var getter = property.GetMethod is { } g && Visible(g) ? "get; " : string.Empty;
            var setter = property.SetMethod is { } s && Visible(s)
                ? (s.ReturnParameter.GetRequiredCustomModifiers().Any(m => string.Equals(m.Name, "IsExternalInit", StringComparison.Ordinal)) ? "init; " : "set; ")
                : string.Empty;
            if (getter.Length + setter.Length == 0)
            {
                continue;
            }

            var accessor = (property.GetMethod ?? property.SetMethod)!;
            var indexer = property.GetIndexParameters() is { Length: > 0 } ip ? $"[{string.Join(", ", ip.Select(Parameter))}]" : string.Empty;
            yield return $"{Access(accessor)}{Modifiers(accessor)}{Name(property.PropertyType, Nullability.Create(property))} {property.Name}{indexer} {{ {getter}{setter}}}";
        }

        foreach (var evt in type.GetEvents(Declared | BindingFlags.NonPublic).Where(e => e.AddMethod is { } a && Visible(a)))
        {
            yield return $"{Access(evt.AddMethod!)}event {Name(evt.EventHandlerType!)} {evt.Name}";
        }
    }

    private static bool IsCompilerGenerated(MethodInfo method) =>
        string.Equals(method.Name, "<Clone>$", StringComparison.Ordinal)
        || (method.IsDefined(typeof(CompilerGeneratedAttribute), false) && method.Name.StartsWith('<'));

    private static bool Visible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static string Access(MethodBase method) => method.IsPublic ? "public " : "protected ";

    private static string Access(FieldInfo field) => field.IsPublic ? "public " : "protected ";

    private static string Modifiers(MethodInfo method)
    {
        if (method.IsStatic)
        {
            return "static ";
        }

        if (method.IsAbstract)
        {
            return method.DeclaringType!.IsInterface ? string.Empty : "abstract ";
        }

        if (method.IsVirtual && !method.IsFinal)
        {
            return method.GetBaseDefinition() == method ? "virtual " : "override ";
        }

        return method.IsVirtual && method.GetBaseDefinition() != method ? "override sealed " : string.Empty;
    }

    private static string TypeDeclaration(Type type)
    {
        var kind = type switch
        {
            { IsInterface: true } => "interface",
            { IsEnum: true } => "enum",
            { IsValueType: true } => (type.IsDefined(typeof(IsReadOnlyAttribute), false) ? "readonly " : string.Empty)
                + (type.IsByRefLike ? "ref " : string.Empty) + "struct",
            _ when typeof(Delegate).IsAssignableFrom(type) => "delegate",
            { IsAbstract: true, IsSealed: true } => "static class",
            { IsAbstract: true } => "abstract class",
            { IsSealed: true } => "sealed class",
            _ => "class",
        };

        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType)
            && baseType != typeof(Enum) && baseType != typeof(MulticastDelegate))
        {
            bases.Add(Name(baseType));
        }

        bases.AddRange(type.GetInterfaces().Select(i => Name(i)).Order(StringComparer.Ordinal));
        var name = Name(type);
        return bases.Count == 0 ? $"public {kind} {name}" : $"public {kind} {name} : {string.Join(", ", bases)}";
    }

    private static string Parameters(MethodBase method) => string.Join(", ", method.GetParameters().Select(Parameter));

    private static string Parameter(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        var prefix = string.Empty;
        if (type.IsByRef)
        {
            prefix = parameter.IsOut ? "out " : parameter.IsIn ? "in " : "ref ";
            type = type.GetElementType()!;
        }
        else if (parameter.IsDefined(typeof(ParamArrayAttribute), false))
        {
            prefix = "params ";
        }

        var value = !parameter.HasDefaultValue ? string.Empty
            : parameter.DefaultValue is null && type.IsValueType && Nullable.GetUnderlyingType(type) is null ? " = default" : " = " + Literal(parameter.DefaultValue);
        return $"{prefix}{Name(type, Nullability.Create(parameter))} {parameter.Name}{value}";
    }

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };

    private static string Name(Type type, NullabilityInfo? nullability = null)
    {
        var suffix = nullability is { ReadState: NullabilityState.Nullable } && !type.IsValueType ? "?" : string.Empty;
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying) + "?";
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!, nullability?.ElementType) + "[]" + suffix;
        }

        if (type.IsGenericParameter)
        {
            return type.Name + suffix;
        }

        var name = type.IsNested ? $"{Name(type.DeclaringType!)}.{type.Name}" : $"{type.Namespace}.{type.Name}";
        if (type.IsGenericType)
        {
            var arguments = type.GetGenericArguments();
            var argumentNullability = nullability?.GenericTypeArguments;
            var rendered = arguments.Select((a, i) => Name(a, argumentNullability is { Length: > 0 } n && i < n.Length ? n[i] : null));
            name = name[..name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", rendered) + ">";
        }

        return name + suffix;
    }
}
