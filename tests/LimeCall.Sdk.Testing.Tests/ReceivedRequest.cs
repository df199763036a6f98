namespace LimeCall.Sdk.Testing.Tests;

/// <summary>One request as the receiver saw it.</summary>
/// <param name="Path">The request path.</param>
/// <param name="Headers">The request headers.</param>
/// <param name="Body">The body bytes received.</param>
/// <param name="Aborted">Whether the sender aborted the request before the body was complete.</param>
/// <param name="Answered">The status the receiver answered (0 when aborted).</param>
public sealed record ReceivedRequest(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, bool Aborted, int Answered);
