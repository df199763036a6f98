using System.Buffers;

namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>An authenticated body in a rented buffer, and the authenticator it holds until returned; <c>default</c> when refused.</summary>
internal readonly struct GateResult
{
    private readonly RequestAuthenticator? _authenticator;

    public GateResult(byte[] buffer, int length, RequestAuthenticator authenticator)
    {
        Buffer = buffer;
        Length = length;
        _authenticator = authenticator;
    }

    /// <summary>Gets the rented buffer; <see langword="null"/> when the request was refused (the zero value refuses).</summary>
    public byte[]? Buffer { get; }

    public int Length { get; }

    public bool Accepted => Buffer is not null;

    public ReadOnlyMemory<byte> Body => Buffer.AsMemory(0, Length);

    public void Return()
    {
        if (Buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(Buffer);
            _authenticator!.Exit();
        }
    }
}
