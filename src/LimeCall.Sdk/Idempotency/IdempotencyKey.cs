namespace LimeCall.Sdk.Idempotency;

/// <summary>
/// A key that identifies one piece of work, inside a namespace, so that several applications or
/// webhook sources can share one store without their keys colliding.
/// </summary>
public readonly record struct IdempotencyKey
{
    /// <summary>The longest namespace accepted, in characters.</summary>
    public const int MaxNamespaceLength = 100;

    /// <summary>The longest key accepted, in characters.</summary>
    public const int MaxValueLength = 500;

    /// <summary>Creates a key.</summary>
    /// <param name="namespace">Who owns the key, for example <c>orders-api/limecall</c>.</param>
    /// <param name="value">The key itself, for example an event's <c>IdempotencyKey</c>.</param>
    /// <exception cref="ArgumentException">A part is null, empty or too long.</exception>
    public IdempotencyKey(string @namespace, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(@namespace.Length, MaxNamespaceLength, nameof(@namespace));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value.Length, MaxValueLength, nameof(value));
        Namespace = @namespace;
        Value = value;
    }

    /// <summary>Gets the namespace.</summary>
    public string Namespace { get; }

    /// <summary>Gets the key within the namespace.</summary>
    public string Value { get; }

    /// <summary>Gets the key as <c>namespace/value</c>, for logs.</summary>
    /// <returns>The namespace and value.</returns>
    public override string ToString() => $"{Namespace}/{Value}";
}
