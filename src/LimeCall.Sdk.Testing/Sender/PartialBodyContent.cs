using System.Net;

namespace LimeCall.Sdk.Testing.Sender;

/// <summary>
/// A body that announces its full length but sends only half, then either stalls until the attempt is
/// cancelled (timeout) or fails so the connection is dropped: how a receiver sees a slow or cut-off sender.
/// </summary>
internal sealed class PartialBodyContent(ReadOnlyMemory<byte> body, bool stall) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(body[..(body.Length / 2)], cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (stall)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }

        throw new IOException("Connection dropped by fault injection.");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
