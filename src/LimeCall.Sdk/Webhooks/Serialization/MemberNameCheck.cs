using System.Buffers;
using System.Text.Json;

namespace LimeCall.Sdk.Webhooks.Serialization;

/// <summary>
/// Finds a member named twice in any object of a document, as the scan reads it: each member name is noted as its hash
/// and where it starts, and an object's notes are checked when the object closes, by sorting them; names whose hashes
/// match are then compared exactly, unescaped. Nothing is allocated beyond two pooled arrays.
/// </summary>
/// <remarks>
/// <para>Ours, not System.Text.Json's <c>AllowDuplicateProperties = false</c>: that check runs only over what the
/// serializer reads, and the unknown members of an event's data are now kept unread (in <c>RawJson</c>) until someone
/// asks for them. Refusing a duplicate then would be too late (the event has been acknowledged), so every object is
/// checked here, once, in the pass that already reads every token. One rule for the whole payload, as before.</para>
/// <para>The hash is <see cref="HashCode"/>, seeded at random per process, so a sender cannot craft names that collide
/// to slow the check down; a collision only costs one exact comparison.</para>
/// </remarks>
internal ref struct MemberNameCheck
{
    private readonly ReadOnlySpan<byte> _json;
    private ulong[] _notes;
    private int _count;
    private int[] _openObjects;
    private int _depth;

    /// <summary>Prepares a check of <paramref name="json"/>, whose objects nest at most <paramref name="maxDepth"/> deep.</summary>
    public MemberNameCheck(ReadOnlySpan<byte> json, int maxDepth)
    {
        _json = json;
        _notes = ArrayPool<ulong>.Shared.Rent(64);
        _openObjects = ArrayPool<int>.Shared.Rent(maxDepth + 2);
    }

    /// <summary>Gets whether an object seen so far has a member named twice.</summary>
    public bool FoundDuplicate { get; private set; }

    /// <summary>An object opens: its names are noted from here.</summary>
    public void StartObject() => _openObjects[_depth++] = _count;

    /// <summary>Notes the name the reader is on (a property name token).</summary>
    public void Name(ref Utf8JsonReader reader)
    {
        var hash = new HashCode();
        if (!reader.ValueIsEscaped)
        {
            hash.AddBytes(reader.ValueSpan);
        }
        else
        {
            // Unescaped, so "a" and "\u0061" are the same name, as they are to every JSON reader.
            var rented = reader.ValueSpan.Length > 256 ? ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length) : null;
            Span<byte> buffer = rented is null ? stackalloc byte[256] : rented;
            hash.AddBytes(buffer[..reader.CopyString(buffer)]);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        if (_count == _notes.Length)
        {
            var larger = ArrayPool<ulong>.Shared.Rent(_notes.Length * 2);
            _notes.AsSpan().CopyTo(larger);
            ArrayPool<ulong>.Shared.Return(_notes);
            _notes = larger;
        }

        // Hash in the high half, so sorting groups equal hashes; where the name starts in the low half.
        _notes[_count++] = ((ulong)(uint)hash.ToHashCode() << 32) | (uint)reader.TokenStartIndex;
    }

    /// <summary>The innermost open object closes: its names are checked, and their notes dropped.</summary>
    public void EndObject()
    {
        var start = _openObjects[--_depth];
        var names = _notes.AsSpan(start, _count - start);
        _count = start;
        if (names.Length < 2 || FoundDuplicate)
        {
            return;
        }

        names.Sort();
        for (var run = 0; run < names.Length;)
        {
            var end = run + 1;
            while (end < names.Length && names[end] >> 32 == names[run] >> 32)
            {
                end++;
            }

            // Every pair within a run of equal hashes (almost always a run of one, or one real duplicate).
            for (var i = run; i < end; i++)
            {
                for (var j = i + 1; j < end; j++)
                {
                    if (SameName((int)(uint)names[i], (int)(uint)names[j]))
                    {
                        FoundDuplicate = true;
                        return;
                    }
                }
            }

            run = end;
        }
    }

    /// <summary>Returns the pooled arrays.</summary>
    public readonly void Dispose()
    {
        ArrayPool<ulong>.Shared.Return(_notes);
        ArrayPool<int>.Shared.Return(_openObjects);
    }

    /// <summary>Compares two member names exactly, each read as the JSON string that starts at its offset.</summary>
    private readonly bool SameName(int first, int second)
    {
        var a = new Utf8JsonReader(_json[first..]);
        var b = new Utf8JsonReader(_json[second..]);
        a.Read();
        b.Read();
        return a.ValueIsEscaped || b.ValueIsEscaped
            ? string.Equals(a.GetString(), b.GetString(), StringComparison.Ordinal)
            : a.ValueSpan.SequenceEqual(b.ValueSpan);
    }
}
