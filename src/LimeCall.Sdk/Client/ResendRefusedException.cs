namespace LimeCall.Sdk.Client;

/// <summary>A handler outside the client tried to send a request the client had already sent; refused, never sent.</summary>
internal sealed class ResendRefusedException()
    : InvalidOperationException("A handler outside the LimeCall client tried to send the same request again; refused.");
