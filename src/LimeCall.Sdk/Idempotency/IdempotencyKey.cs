namespace LimeCall.Sdk.Idempotency;

/// <summary>
/// A key that identifies one piece of work, inside a namespace, so that several applications or
/// webhook sources can share one store without their keys colliding.
/// </summary>
/// <remarks>
/// <c>default(IdempotencyKey)</c> is not a key: its parts read as empty strings and every store and the
/// processor refuse it with <see cref="ArgumentException"/>, so a forgotten key never claims anything.
/// </remarks>
public readonly record struct IdempotencyKey
{
    private readonly string? _namespace;
    private readonly string? _value;

    /// <summary>Gets the longest namespace accepted, in characters: 100.</summary>
    /// <remarks>A property, not a constant, so code compiled against this version reads a later version's limit.</remarks>
    public static int MaxNamespaceLength => 100;

    /// <summary>Gets the longest key accepted, in characters: 500.</summary>
    /// <remarks>A property, not a constant, so code compiled against this version reads a later version's limit.</remarks>
    public static int MaxValueLength => 500;

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
        _namespace = @namespace;
        _value = value;
    }

    /// <summary>Gets the namespace; empty for <c>default(IdempotencyKey)</c>.</summary>
    public string Namespace => _namespace ?? string.Empty;

    /// <summary>Gets the key within the namespace; empty for <c>default(IdempotencyKey)</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Gets whether this is <c>default(IdempotencyKey)</c>, which no store accepts.</summary>
    public bool IsDefault => _value is null;

    /// <summary>Gets the key as <c>namespace/value</c>, for logs.</summary>
    /// <returns>The namespace and value.</returns>
    public override string ToString() => $"{Namespace}/{Value}";

    /// <summary>Throws when <paramref name="key"/> is <c>default</c>: stores call this before touching anything.</summary>
    /// <param name="key">The key.</param>
    /// <param name="paramName">The parameter's name, for the exception.</param>
    /// <exception cref="ArgumentException"><paramref name="key"/> is <c>default(IdempotencyKey)</c>.</exception>
    public static void ThrowIfDefault(IdempotencyKey key, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(key))] string? paramName = null)
    {
        if (key.IsDefault)
        {
            throw new ArgumentException("default(IdempotencyKey) is not a key; create one with a namespace and a value.", paramName);
        }
    }
}
