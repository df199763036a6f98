using System.Buffers;
using System.Security.Cryptography;

namespace LimeCall.Sdk.Webhooks;

/// <summary>
/// One HMAC-SHA256 key with reusable, already-keyed native state.
/// </summary>
/// <remarks>
/// A one-shot <see cref="HMACSHA256.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> creates a native
/// context and re-derives the inner and outer padded keys on every call: about a third of the cost of
/// signing a 1 KiB body. <see cref="IncrementalHash"/> resets to its keyed state after each hash, so a
/// small lock-free pool of keyed instances removes that cost while each concurrent caller still gets an
/// instance of its own. The pool never allocates in steady state.
/// </remarks>
internal sealed class HmacSha256Key : IDisposable
{
    public const int HashSize = HMACSHA256.HashSizeInBytes;

    private readonly byte[] _key;
    private readonly IncrementalHash?[] _pool;
    private IncrementalHash? _first;
    private volatile bool _disposed;

    public HmacSha256Key(ReadOnlySpan<byte> key)
    {
        _key = key.ToArray();
        _pool = new IncrementalHash?[Math.Max(2, Environment.ProcessorCount * 2)];
    }

    public void Compute(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hmac = Rent();
        try
        {
            hmac.AppendData(data);
            Finish(hmac, destination);
        }
        catch
        {
            // State after a failure is unknown: never hand it to another caller.
            hmac.Dispose();
            throw;
        }

        Return(hmac);
    }

    public void Compute(in ReadOnlySequence<byte> data, Span<byte> destination)
    {
        if (data.IsSingleSegment)
        {
            Compute(data.FirstSpan, destination);
            return;
        }

        var hmac = Rent();
        try
        {
            foreach (var segment in data)
            {
                hmac.AppendData(segment.Span);
            }

            Finish(hmac, destination);
        }
        catch
        {
            hmac.Dispose();
            throw;
        }

        Return(hmac);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        CryptographicOperations.ZeroMemory(_key);
        Interlocked.Exchange(ref _first, null)?.Dispose();
        for (var i = 0; i < _pool.Length; i++)
        {
            Interlocked.Exchange(ref _pool[i], null)?.Dispose();
        }
    }

    private static void Finish(IncrementalHash hmac, Span<byte> destination)
    {
        if (!hmac.TryGetHashAndReset(destination, out var written) || written != HashSize)
        {
            throw new CryptographicException("HMAC-SHA256 produced an unexpected hash length.");
        }
    }

    private IncrementalHash Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        var item = Interlocked.Exchange(ref _first, null);
        if (item is not null)
        {
            return item;
        }

        for (var i = 0; i < _pool.Length; i++)
        {
            item = Interlocked.Exchange(ref _pool[i], null);
            if (item is not null)
            {
                return item;
            }
        }

        return IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
    }

    private void Return(IncrementalHash hmac)
    {
        if (!_disposed)
        {
            if (Interlocked.CompareExchange(ref _first, hmac, null) is null)
            {
                return;
            }

            for (var i = 0; i < _pool.Length; i++)
            {
                if (Interlocked.CompareExchange(ref _pool[i], hmac, null) is null)
                {
                    return;
                }
            }
        }

        hmac.Dispose();
    }
}
