namespace LimeCall.Sdk.Testing.Emulator;

/// <summary>A request the emulator received. The <c>Authorization</c> value is redacted.</summary>
/// <remarks>A plain class with <c>init</c> members, so it can gain members without breaking callers.</remarks>
public sealed class EmulatorRequest
{
    /// <summary>Gets the HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>Gets the path.</summary>
    public required string Path { get; init; }

    /// <summary>Gets the headers, <c>Authorization</c> shown as <c>Bearer ***</c>.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>Gets the body bytes.</summary>
    public required byte[] Body { get; init; }

    /// <summary>Gets when it arrived, on the emulator's clock.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Gets whether the emulator answered or dropped the connection.</summary>
    public required EmulatorRequestOutcome Outcome { get; init; }

    /// <summary>Gets the status the emulator answered; <see langword="null"/> when it dropped the connection.</summary>
    public int? StatusCode { get; init; }

    /// <inheritdoc />
    public override string ToString()
        => $"{Method} {Path} -> {(Outcome == EmulatorRequestOutcome.Answered ? StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) : "connection dropped")}";
}
