namespace LimeCall.Sdk.Testing.Emulator;

/// <summary>A request the emulator received. The <c>Authorization</c> value is redacted.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path.</param>
/// <param name="Headers">The headers, <c>Authorization</c> shown as <c>Bearer ***</c>.</param>
/// <param name="Body">The body bytes.</param>
/// <param name="ReceivedAt">When it arrived, on the emulator's clock.</param>
/// <param name="Status">The status the emulator answered (0 when it dropped the connection).</param>
public sealed record EmulatorRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset ReceivedAt, int Status);
