using System.Buffers;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;

namespace LimeCall.Sdk.AspNetCore.Receiving;

/// <summary>Reads a request body once into a pooled buffer, never past the limit.</summary>
internal static class BodyReader
{
    /// <summary>Returns the rented buffer and the body's length, or -1 when the body is longer than <paramref name="limit"/>.</summary>
    /// <remarks>
    /// A <see cref="ValueTask{TResult}"/> with a pooled builder: a body that is already there (the usual case for a
    /// small webhook) costs no allocation, and one that arrives later reuses a pooled state machine. A
    /// <c>Task&lt;(byte[], int)&gt;</c> cost 80 bytes per request even when the read completed at once.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<(byte[] Buffer, int Length)> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var expected = request.ContentLength is { } declared and <= int.MaxValue ? (int)declared : 4096;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(Math.Max(expected, 256), limit) + 1);
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                // length <= limit here (checked after every read), so the larger buffer still holds limit + 1 bytes:
                // one byte past the limit is always read and refused, never cut off and taken for the end.
                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit + 1));
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return (buffer, length);
            }

            length += read;
            if (length > limit)
            {
                return (buffer, -1);
            }
        }
    }
}
