using Cloud.Unum.USearch;
using TalentMatch.Contracts;
using TalentMatch.Core.SearchIndex.Lucene;

namespace TalentMatch.Core.SearchIndex.Tests;

/// <summary>
/// The graph's settings across an upgrade: a vector file built with other settings (the cosine float32 graphs
/// of earlier releases, or another scalar kind) opens with the settings written in it, keeps answering, and
/// takes new vectors without being rebuilt; and the search expansion grows with the graph.
/// </summary>
public sealed class VectorIndexSettingsTests : IDisposable
{
    private const int Dimensions = 32;
    private readonly string _path = Directory.CreateTempSubdirectory("talentmatch-vector-settings-").FullName;

    public void Dispose() => Directory.Delete(_path, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The graph answers every unfiltered kNN (no exact scoring below a threshold).
    private static VectorIndexOptions GraphOnly(VectorIndexOptions options) => options with { ExactSearchThreshold = 0 };

    private static List<IndexedProfile> Profiles(int count, int offset = 0) =>
        [.. Enumerable.Range(offset, count).Select(i => new IndexedProfile(Guid.CreateVersion7(), DocumentKind.Resume, null, $"p{i}", [])
        {
            Vector = Vectors.Normalised([.. Enumerable.Range(0, Dimensions).Select(d => (float)Math.Sin((i + 1) * (d + 1) * 0.37))]),
        })];

    private static List<Guid> ExactTop(IEnumerable<IndexedProfile> profiles, float[] query, int k) =>
        [.. profiles.OrderByDescending(p => Vectors.Dot(Vectors.Normalised(p.Vector), Vectors.Normalised(query))).Take(k).Select(p => p.Id)];

    private string VectorFile() => Directory.GetFiles(Path.Combine(_path, "usearch"), "*.usearch").Single();

    private async Task<List<IndexedProfile>> BuildAsync(VectorIndexOptions options, int count)
    {
        var profiles = Profiles(count);
        using var index = new LuceneSearchIndex(_path, new LuceneSearchIndexOptions { Vectors = GraphOnly(options) });
        await index.IndexManyAsync("acme", profiles, Ct);
        return profiles;
    }

    [Fact]
    public async Task A_graph_built_with_the_old_cosine_settings_opens_as_it_was_built_and_keeps_answering()
    {
        var old = new VectorIndexOptions { Metric = MetricKind.Cos, Quantization = ScalarKind.Float32 }; // main before issue #22
        var profiles = await BuildAsync(old, 300);
        var file = VectorFile();
        var builtBytes = await File.ReadAllBytesAsync(file, Ct);

        using (var upgraded = new LuceneSearchIndex(_path, new LuceneSearchIndexOptions { Vectors = GraphOnly(new VectorIndexOptions()) }))
        {
            Assert.Equal(builtBytes, await File.ReadAllBytesAsync(file, Ct)); // opened, not rebuilt
            Assert.Equal(300, upgraded.VectorCount("acme", DocumentKind.Resume));
            var query = profiles[7].Vector!;
            var found = await upgraded.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "", Limit: 10) { Vector = query }, Ct);
            Assert.Equal(ExactTop(profiles, query, 10), found.Hits.Select(h => h.Id));

            var added = Profiles(1, offset: 1_000)[0];
            await upgraded.IndexAsync("acme", added, Ct);
            var near = await upgraded.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "") { Vector = added.Vector }, Ct);
            Assert.Equal(added.Id, near.Hits[0].Id);
        }

        using (var reopened = new LuceneSearchIndex(_path, new LuceneSearchIndexOptions { Vectors = GraphOnly(new VectorIndexOptions()) }))
        {
            Assert.Equal(301, reopened.VectorCount("acme", DocumentKind.Resume));
        }

        // Saved again in the scalar kind it was built with (float32), not the new default float16: a fresh float16
        // graph of as many vectors is smaller by about 2 bytes a dimension a vector.
        var fresh = Directory.CreateTempSubdirectory("talentmatch-vector-fresh-").FullName;
        try
        {
            using (var index = new LuceneSearchIndex(fresh, new LuceneSearchIndexOptions { Vectors = GraphOnly(new VectorIndexOptions()) }))
            {
                await index.IndexManyAsync("acme", Profiles(301), Ct);
            }

            var freshSize = new FileInfo(Directory.GetFiles(Path.Combine(fresh, "usearch"), "*.usearch").Single()).Length;
            Assert.True(new FileInfo(file).Length > freshSize + (301L * Dimensions), $"{new FileInfo(file).Length} vs float16 {freshSize}");
        }
        finally
        {
            Directory.Delete(fresh, recursive: true);
        }
    }

    [Theory]
    [InlineData(ScalarKind.Float32)]
    [InlineData(ScalarKind.Float16)] // candidates re-scored from the float32 vectors in Lucene
    [InlineData(ScalarKind.Int8)]
    public async Task A_new_graph_uses_the_inner_product_and_ranks_as_exact_cosine_does(ScalarKind quantization)
    {
        var options = new VectorIndexOptions { Quantization = quantization };
        var profiles = await BuildAsync(options, 300);
        using var index = new LuceneSearchIndex(_path, new LuceneSearchIndexOptions { Vectors = GraphOnly(options) });
        foreach (var i in new[] { 0, 42, 299 })
        {
            // Unnormalised query: the index normalises it, so the inner product is the cosine.
            var query = profiles[i].Vector!.Select(x => x * 3.5f).ToArray();
            var found = await index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "", Limit: 10) { Vector = query }, Ct);
            Assert.Equal(ExactTop(profiles, query, 10), found.Hits.Select(h => h.Id));
        }
    }

    [Theory]
    [InlineData(0, 96)]
    [InlineData(100_000, 96)]
    [InlineData(400_000, 192)]
    [InlineData(1_000_000, 304)]
    public void The_search_expansion_grows_with_the_square_root_of_the_graph_above_its_base_size(long size, int expected) =>
        Assert.Equal(expected, new VectorIndexOptions().ExpansionFor(size));
}
