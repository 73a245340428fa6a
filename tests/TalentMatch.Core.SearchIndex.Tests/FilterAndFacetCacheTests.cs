using Lucene.Net.Index;
using Lucene.Net.Search;
using TalentMatch.Contracts;
using TalentMatch.Core.SearchIndex;
using TalentMatch.Core.SearchIndex.Lucene;

namespace TalentMatch.Core.SearchIndex.Tests;

/// <summary>
/// The filter cache and the facet arrays (benchmarks.md, "Filtered hybrid + facets at a million profiles") must not
/// change an answer: on one index, a query with its filters evaluated anew and the same query from the cache give the
/// same hits and facets, the facets equal counts made by hand from the profiles, across new segments,
/// deletions and merges; and one tenant's cached filter never answers another tenant's query.
/// </summary>
public sealed class FilterAndFacetCacheTests : IDisposable
{
    private static readonly string[] Skills = [.. Enumerable.Range(0, 30).Select(i => $"skill{i}")];
    private static readonly string[] Cities = ["berlin", "shanghai", "london", "paris", "beijing", "austin", "lagos", "lima"];
    private static readonly string[] Levels = ["junior", "mid", "senior", "staff"];

    private readonly List<string> _paths = [];

    public void Dispose()
    {
        foreach (var path in _paths)
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private LuceneSearchIndex NewIndex(int filterCacheSize)
    {
        var path = Directory.CreateTempSubdirectory("talentmatch-filtercache-").FullName;
        _paths.Add(path);
        // Every facet value listed, and the graph path for filtered kNN (a fused query asks for the whole window,
        // more than these indexes hold, so the graph returns everything and both indexes rank exactly).
        return new LuceneSearchIndex(path, new LuceneSearchIndexOptions
        {
            FacetSize = 1000,
            FilterCacheSize = filterCacheSize,
            Vectors = new VectorIndexOptions { ExactSearchThreshold = 0 },
        });
    }

    private static List<IndexedProfile> Generate(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ =>
        {
            var skills = Enumerable.Range(0, random.Next(2, 7)).Select(_ => Skills[(int)Math.Min(Skills.Length - 1, Math.Abs(random.NextDouble() * random.NextDouble()) * Skills.Length)]).Distinct().ToList();
            return new IndexedProfile(Guid.CreateVersion7(), DocumentKind.Resume, null, "engineer " + string.Join(' ', skills), skills)
            {
                Vector = Vectors.Normalised([.. Enumerable.Range(0, 16).Select(_ => (float)random.NextDouble() - 0.5f)]),
                YearsOfExperience = random.Next(0, 21),
                Remote = random.Next(3) == 0 ? WorkMode.Remote : WorkMode.Onsite,
                Location = random.Next(10) == 0 ? null : Cities[random.Next(Cities.Length)],
                Seniority = Levels[random.Next(Levels.Length)],
            };
        })];

    private static List<SearchQuery> Queries(Random random, List<IndexedProfile> profiles) =>
        [.. Enumerable.Range(0, 6).SelectMany(_ =>
        {
            var p = profiles[random.Next(profiles.Count)];
            var words = "engineer " + string.Join(' ', p.SkillIds.Take(2)); // "engineer": every profile matches the words
            return new[]
            {
                // The benchmark's filtered hybrid + facets.
                new SearchQuery(DocumentKind.Resume, words, Limit: 10)
                {
                    Vector = p.Vector, Facets = SearchFacets.All, YearsMin = 3, Remote = WorkMode.Remote, NiceToHaveSkills = [.. p.SkillIds.Take(2)],
                },
                // Filters alone with facets (counted over the filtered set), and kNN alone within a filter.
                new SearchQuery(DocumentKind.Resume, "", Limit: 10) { Facets = SearchFacets.All, MustHaveSkills = [p.SkillIds[0]], YearsMax = 10 },
                new SearchQuery(DocumentKind.Resume, "", Limit: 10) { Vector = p.Vector, Seniority = p.Seniority, Location = p.Location },
            };
        })];

    /// <summary>What the facets of a filters-only query must be: counted from the profiles themselves.</summary>
    private static Dictionary<string, IReadOnlyList<FacetValue>> CountedByHand(IEnumerable<IndexedProfile> passing)
    {
        static IReadOnlyList<FacetValue> Top(IEnumerable<string?> values) =>
            [.. values.OfType<string>().GroupBy(v => v).Select(g => new FacetValue(g.Key, g.Count()))
                .OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal)];
        var list = passing.ToList();
        return new()
        {
            ["skills"] = Top(list.SelectMany(p => p.SkillIds)),
            ["seniority"] = Top(list.Select(p => p.Seniority)),
            ["location"] = Top(list.Select(p => p.Location)),
        };
    }

    /// <summary>Each query on <paramref name="index"/> with its filters evaluated anew, then twice from the cache (the
    /// second certainly a hit): the same hits, scores, totals and facets; facets also as counted by hand.</summary>
    private static async Task AssertSameAnswers(LuceneSearchIndex index, List<SearchQuery> queries, List<IndexedProfile> live)
    {
        foreach (var query in queries)
        {
            index.CacheFilters = false;
            var expected = await index.SearchAsync("acme", query, Ct);
            index.CacheFilters = true;
            foreach (var _ in new[] { 1, 2 })
            {
                var actual = await index.SearchAsync("acme", query, Ct);
                Assert.Equal(expected.Total, actual.Total);
                Assert.Equal(expected.Hits.Select(h => (h.Id, h.Score)), actual.Hits.Select(h => (h.Id, h.Score)));
                Assert.Equal(expected.Facets.Keys.Order(), actual.Facets.Keys.Order());
                if (query.Facets == SearchFacets.All)
                {
                    // Every profile's text has "engineer", so the words match all and the facets count the filtered set.
                    var passing = live.Where(p => query.MustHaveSkills.All(p.SkillIds.Contains)
                        && p.YearsOfExperience >= (query.YearsMin ?? 0) && p.YearsOfExperience <= (query.YearsMax ?? 99)
                        && (query.Remote is null || p.Remote == query.Remote));
                    foreach (var (name, values) in CountedByHand(passing))
                    {
                        Assert.Equal(values, actual.Facets[name]);
                    }
                }
            }
        }
    }

    [Fact]
    public async Task Cached_filters_and_facet_arrays_answer_as_uncached_evaluation_does_across_segments_deletes_and_merges()
    {
        var random = new Random(7);
        using var index = NewIndex(filterCacheSize: 64);
        var live = new List<IndexedProfile>();
        foreach (var batch in Generate(random, 1_500).Chunk(300))
        {
            await index.IndexManyAsync("acme", batch, Ct); // one commit, one segment each
            live.AddRange(batch);
        }

        var queries = Queries(random, live);
        await AssertSameAnswers(index, queries, live);

        // New segments beside the cached ones, deletions (and the merges that expunge them): the cached sets must follow.
        var added = Generate(random, 400);
        await index.IndexManyAsync("acme", added, Ct);
        live.AddRange(added);
        // At once: deletes waiting together share one expunge (one after the other, each would wait for its own).
        var gone = live.Where((_, i) => i % 7 == 0).ToList();
        var deleted = await Task.WhenAll(gone.Select(g => index.DeleteAsync("acme", DocumentKind.Resume, g.Id, Ct)));
        Assert.All(deleted, Assert.True);
        live.RemoveAll(gone.Contains);

        await AssertSameAnswers(index, queries, live);
    }

    [Fact]
    public async Task A_filter_cached_for_one_tenant_never_answers_another_tenants_query()
    {
        var random = new Random(11);
        using var index = NewIndex(filterCacheSize: 64);
        var ours = Generate(random, 600);
        var theirs = Generate(random, 600);
        await index.IndexManyAsync("acme", ours, Ct);
        await index.IndexManyAsync("globex", theirs, Ct);
        var query = new SearchQuery(DocumentKind.Resume, "", Limit: 50) { Facets = SearchFacets.All, MustHaveSkills = ["skill0"], YearsMax = 10 };

        foreach (var (tenant, profiles, others) in new[] { ("acme", ours, theirs), ("globex", theirs, ours), ("acme", ours, theirs) })
        {
            var filtersOnly = await index.SearchAsync(tenant, query, Ct);
            var near = await index.SearchAsync(tenant, query with { Vector = others[0].Vector, Facets = SearchFacets.None }, Ct);
            var passing = profiles.Where(p => p.SkillIds.Contains("skill0") && p.YearsOfExperience <= 10).ToList();
            Assert.Equal(passing.Count, filtersOnly.Total);
            Assert.All(filtersOnly.Hits.Concat(near.Hits), h => Assert.Contains(h.Id, passing.Select(p => p.Id)));
            Assert.DoesNotContain(near.Hits, h => others.Any(o => o.Id == h.Id));
            foreach (var (name, values) in CountedByHand(passing))
            {
                Assert.Equal(values, filtersOnly.Facets[name]);
            }
        }

        Assert.Equal(0, (await index.SearchAsync("initech", query, Ct)).Total);
    }

    [Fact]
    public void The_cache_keeps_at_most_its_capacity_and_returns_the_same_filter_for_an_equal_query()
    {
        var cache = new FilterCache(capacity: 2);
        Query Tenant(string t) => new TermQuery(new Term(LuceneFields.Tenant, t));
        var first = cache.For(Tenant("a"));
        Assert.Same(first, cache.For(Tenant("a")));
        cache.For(Tenant("b"));
        cache.For(Tenant("c"));
        Assert.Equal(2, cache.Count);
        Assert.NotSame(first, cache.For(Tenant("a"))); // "a" was the least recently used: dropped, built again
    }
}
