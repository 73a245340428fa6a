namespace TalentMatch.Core.Embeddings.Tests;

public sealed class EmbeddingCacheTests
{
    [Fact]
    public void The_least_recently_used_entry_is_evicted_when_full()
    {
        var cache = new EmbeddingCache(capacity: 2);
        cache.Add(TextHash.Of("a"), [1]);
        cache.Add(TextHash.Of("b"), [2]);
        Assert.True(cache.TryGet(TextHash.Of("a"), out _)); // "b" is now the oldest

        cache.Add(TextHash.Of("c"), [3]);

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet(TextHash.Of("a"), out var a));
        Assert.Equal([1f], a);
        Assert.False(cache.TryGet(TextHash.Of("b"), out _));
        Assert.True(cache.TryGet(TextHash.Of("c"), out _));
    }

    [Fact]
    public void A_capacity_of_zero_caches_nothing()
    {
        var cache = new EmbeddingCache(capacity: 0);
        cache.Add(TextHash.Of("a"), [1]);

        Assert.False(cache.TryGet(TextHash.Of("a"), out _));
    }

    [Fact]
    public void Texts_that_differ_have_different_hashes()
    {
        Assert.Equal(TextHash.Of("PyTorch"), TextHash.Of("PyTorch"));
        Assert.NotEqual(TextHash.Of("PyTorch"), TextHash.Of("pytorch"));
    }
}
