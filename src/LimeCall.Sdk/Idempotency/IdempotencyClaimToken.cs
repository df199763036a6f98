namespace LimeCall.Sdk.Idempotency;

/// <summary>
/// Proves that a caller holds a claim: a store issues one with each acquired claim and accepts renew, complete and release
/// only with it, so a worker whose lease ran out cannot finish its successor's claim (a fencing token).
/// </summary>
/// <remarks>
/// <para>Opaque on purpose: stores and the processor pass it along and compare it, nothing more. Today a token is 128 bits
/// (<see cref="NewToken"/>: a random per-process prefix and a counter, unique across every instance sharing a store);
/// a store that persists tokens converts with <see cref="ToGuid"/> and <see cref="FromGuid"/>. Keeping the type our own,
/// instead of <see cref="Guid"/> in <see cref="IIdempotencyStore"/>'s signatures, lets the representation change
/// without breaking every store.</para>
/// <para>The zero value (<c>default</c>) is <see cref="IsEmpty"/> and never proves a claim: <see cref="IdempotencyClaim.Acquired"/>
/// refuses it.</para>
/// </remarks>
public readonly struct IdempotencyClaimToken : IEquatable<IdempotencyClaimToken>
{
    private readonly Guid _value;

    private IdempotencyClaimToken(Guid value) => _value = value;

    /// <summary>Gets whether this is the empty token, which proves nothing.</summary>
    public bool IsEmpty => _value == Guid.Empty;

    /// <summary>Makes a new token, unique across processes; cheap (no system random number per call).</summary>
    /// <returns>The token.</returns>
    public static IdempotencyClaimToken NewToken() => new(ClaimTokens.Next());

    /// <summary>Reads a token a store persisted with <see cref="ToGuid"/>.</summary>
    /// <param name="value">The persisted value.</param>
    /// <returns>The token; empty for <see cref="Guid.Empty"/>.</returns>
    public static IdempotencyClaimToken FromGuid(Guid value) => new(value);

    /// <summary>Gets the token as a <see cref="Guid"/>, for a store that persists it (for example in a <c>uuid</c> column).</summary>
    /// <returns>The value.</returns>
    public Guid ToGuid() => _value;

    /// <inheritdoc />
    public bool Equals(IdempotencyClaimToken other) => _value == other._value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IdempotencyClaimToken other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value.GetHashCode();

    /// <summary>The token as 32 hexadecimal digits: an identifier, not a secret.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _value.ToString("N");

    /// <summary>Compares two tokens.</summary>
    /// <param name="left">A token.</param>
    /// <param name="right">Another token.</param>
    /// <returns><see langword="true"/> when they are the same token.</returns>
    public static bool operator ==(IdempotencyClaimToken left, IdempotencyClaimToken right) => left.Equals(right);

    /// <summary>Compares two tokens.</summary>
    /// <param name="left">A token.</param>
    /// <param name="right">Another token.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(IdempotencyClaimToken left, IdempotencyClaimToken right) => !left.Equals(right);
}
