using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LimeCall.Sdk.Generators;

/// <summary>What the generator needs of one <c>[LimeCallEventType]</c> record; equatable, so unchanged input is not re-emitted.</summary>
internal sealed class EventDeclaration : IEquatable<EventDeclaration>
{
    public EventDeclaration(string fullName, string className, string name, string[] aliases, bool isEventRecord, Location? location)
    {
        FullName = fullName;
        ClassName = className;
        Name = name;
        Aliases = aliases;
        IsEventRecord = isEventRecord;
        Location = location;
    }

    /// <summary>Gets the record's fully qualified name, <c>global::</c> included.</summary>
    public string FullName { get; }

    public string ClassName { get; }

    /// <summary>Gets the constant's name: the record's name without its <c>Event</c> suffix.</summary>
    public string ConstName => ClassName.Substring(0, ClassName.Length - "Event".Length);

    public string Name { get; }

    public string[] Aliases { get; }

    public bool IsEventRecord { get; }

    public Location? Location { get; }

    public bool Equals(EventDeclaration? other)
        => other is not null
            && string.Equals(FullName, other.FullName, StringComparison.Ordinal)
            && string.Equals(Name, other.Name, StringComparison.Ordinal)
            && Aliases.SequenceEqual(other.Aliases, StringComparer.Ordinal)
            && IsEventRecord == other.IsEventRecord
            && Equals(Location, other.Location);

    public override bool Equals(object? obj) => Equals(obj as EventDeclaration);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(FullName);
}
