using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace TalentMatch.Core.Embeddings;

/// <summary>
/// A bounded least-recently-used map from a text's SHA-256 to its embedding, so a text seen again
/// (a re-submitted resume, the same job ad) costs a hash instead of a model run. Thread-safe.
/// </summary>
internal sealed class EmbeddingCache(int capacity)
{
    private readonly Dictionary<TextHash, LinkedListNode<(TextHash Key, float[] Vector)>> _entries = [];
    private readonly LinkedList<(TextHash Key, float[] Vector)> _recency = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(TextHash key, out float[] vector)
    {
        if (capacity > 0)
        {
            lock (_lock)
            {
                if (_entries.TryGetValue(key, out var node))
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    vector = node.Value.Vector;
                    return true;
                }
            }
        }

        vector = [];
        return false;
    }

    public void Add(TextHash key, float[] vector)
    {
        if (capacity <= 0)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.ContainsKey(key))
            {
                return;
            }

            if (_entries.Count >= capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }

            _entries[key] = _recency.AddFirst((key, vector));
        }
    }
}

/// <summary>SHA-256 of a text's UTF-16 code units (no encoding step needed to hash it).</summary>
internal readonly record struct TextHash(ulong A, ulong B, ulong C, ulong D)
{
    public static TextHash Of(string text)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(text.AsSpan()), hash);
        var words = MemoryMarshal.Cast<byte, ulong>(hash);
        return new TextHash(words[0], words[1], words[2], words[3]);
    }
}
