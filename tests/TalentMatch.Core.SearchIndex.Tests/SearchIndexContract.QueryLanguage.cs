using TalentMatch.Contracts;
using TalentMatch.Core.SearchIndex.QueryLanguage;

namespace TalentMatch.Core.SearchIndex.Tests;

/// <summary>
/// The boolean query language on every engine: the same trees must find exactly the same profiles. The
/// corpus avoids word forms that only an English stemmer would join (Elasticsearch stems, the embedded
/// engine does not), so that the sets are the language's semantics, not an analyser's.
/// </summary>
public abstract partial class SearchIndexContract
{
    private sealed record Corpus(IndexedProfile Ml, IndexedProfile Intern, IndexedProfile Tpu, IndexedProfile Chinese, IndexedProfile Frontend)
    {
        public IEnumerable<IndexedProfile> All => [Ml, Intern, Tpu, Chinese, Frontend];
    }

    private async Task<(string Tenant, Corpus Corpus)> IndexCorpusAsync()
    {
        var tenant = NewTenant();
        var corpus = new Corpus(
            new(Guid.CreateVersion7(), DocumentKind.Resume, "ML Engineer", "PyTorch and JAX for distributed training at scale.", ["pytorch"])
            {
                Employers = ["ByteDance"], Location = "beijing", Vector = Vector(1),
            },
            new(Guid.CreateVersion7(), DocumentKind.Resume, "Research Intern", "PyTorch research intern working on distributed training.", ["pytorch"])
            {
                Employers = ["Tsinghua University"], Location = "beijing", Vector = Vector(2),
            },
            new(Guid.CreateVersion7(), DocumentKind.Resume, "Data Engineer", "JAX pipelines; training distributed across TPU pods.", ["zero-optimizer"])
            {
                Employers = ["Google"], Location = "london", Vector = Vector(3),
            },
            new(Guid.CreateVersion7(), DocumentKind.Resume, "算法工程师", "精通PyTorch与分布式训练，负责大模型训练。", ["megatron-lm"])
            {
                Employers = ["字节跳动"], Location = "beijing", Vector = Vector(4),
            },
            new(Guid.CreateVersion7(), DocumentKind.Resume, "Frontend Engineer", "React and TypeScript.", [])
            {
                Employers = ["ByteDance"], Location = "shanghai", Vector = Vector(5),
            });
        await Index.IndexManyAsync(tenant, [.. corpus.All], Ct);
        return (tenant, corpus);
    }

    private async Task<HashSet<Guid>> FindAsync(string tenant, string text, SearchQuery? template = null)
    {
        var tree = QueryParser.Parse(text);
        var query = (template ?? new SearchQuery(DocumentKind.Resume, "", Limit: 100)) with
        {
            Text = string.Join(' ', tree.PositiveTerms().Select(t => t.Value)),
            Boolean = tree,
        };
        var results = await Index.SearchAsync(tenant, query, Ct);
        Assert.Equal(results.Hits.Count, results.Total);
        return [.. results.Hits.Select(h => h.Id)];
    }

    private static void Same(Guid[] expected, IEnumerable<Guid> actual) => Assert.Equal(expected.Order(), actual.Order());

    [Fact]
    public async Task A_boolean_query_finds_exactly_the_profiles_its_operators_say()
    {
        var (tenant, c) = await IndexCorpusAsync();

        Same([c.Ml.Id], await FindAsync(tenant, "(pytorch OR jax) AND \"distributed training\" NOT intern"));
        Same([c.Ml.Id, c.Chinese.Id], await FindAsync(tenant, "pytorch -intern"));
        Same([c.Ml.Id, c.Intern.Id, c.Tpu.Id, c.Chinese.Id], await FindAsync(tenant, "pytorch jax"));
        Same([c.Intern.Id, c.Chinese.Id], await FindAsync(tenant, "pytorch AND NOT (jax OR typescript)"));
        // A phrase is words in order: "training distributed" is not "distributed training".
        Same([c.Ml.Id, c.Intern.Id], await FindAsync(tenant, "\"distributed training\""));
    }

    [Fact]
    public async Task Field_scopes_search_the_title_the_employer_the_skills_with_descendants_and_the_place()
    {
        var (tenant, c) = await IndexCorpusAsync();

        Same([c.Ml.Id, c.Tpu.Id, c.Frontend.Id], await FindAsync(tenant, "title:engineer"));
        Same([c.Ml.Id, c.Frontend.Id], await FindAsync(tenant, "employer:bytedance"));
        Same([c.Intern.Id], await FindAsync(tenant, "employer:\"tsinghua university\""));
        // zero-optimizer and megatron-lm are narrower than distributed-training.
        Same([c.Tpu.Id, c.Chinese.Id], await FindAsync(tenant, "skill:distributed-training"));
        Same([c.Ml.Id], await FindAsync(tenant, "location:beijing AND title:engineer"));
        Same([c.Ml.Id, c.Intern.Id, c.Tpu.Id], await FindAsync(tenant, "skill:(pytorch OR zero-optimizer) -employer:字节跳动"));
    }

    [Fact]
    public async Task Chinese_operators_words_and_employers_work_as_the_english_ones()
    {
        var (tenant, c) = await IndexCorpusAsync();

        Same([c.Chinese.Id], await FindAsync(tenant, "分布式训练 与 pytorch"));
        Same([c.Ml.Id, c.Intern.Id, c.Chinese.Id], await FindAsync(tenant, "\"distributed training\" 或 分布式训练"));
        Same([c.Ml.Id, c.Intern.Id], await FindAsync(tenant, "pytorch 非 公司:字节跳动"));
        Same([c.Chinese.Id], await FindAsync(tenant, "公司:字节跳动"));
        Assert.Equal(["字节跳动"], (await Index.GetAsync(tenant, DocumentKind.Resume, c.Chinese.Id, Ct))!.Employers);
    }

    [Fact]
    public async Task A_boolean_query_combines_with_filters_facets_and_filters_the_knn_list()
    {
        var (tenant, c) = await IndexCorpusAsync();

        var beijing = await FindAsync(tenant, "pytorch", new SearchQuery(DocumentKind.Resume, "", Limit: 100) { Location = "Beijing" });
        Same([c.Ml.Id, c.Intern.Id, c.Chinese.Id], beijing);

        var tree = QueryParser.Parse("pytorch -intern");
        var faceted = await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "pytorch") { Boolean = tree, Facets = SearchFacets.Location }, Ct);
        Assert.Equal([("beijing", 2L)], faceted.Facets["location"].Select(f => (f.Value, f.Count)));

        // Hybrid: the frontend profile is the query vector's nearest neighbour, but does not match the boolean query.
        var hybrid = await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "pytorch", Limit: 100) { Boolean = tree, Vector = Vector(5) }, Ct);
        Same([c.Ml.Id, c.Chinese.Id], hybrid.Hits.Select(h => h.Id).ToHashSet());
        Assert.Contains(hybrid.Hits.Single(h => h.Id == c.Ml.Id).Highlights, h => h.Contains("<em>PyTorch</em>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cursor_of_one_boolean_query_is_refused_by_another()
    {
        var (tenant, _) = await IndexCorpusAsync();
        var query = new SearchQuery(DocumentKind.Resume, "pytorch", Limit: 1) { Boolean = QueryParser.Parse("pytorch -intern") };
        var first = await Index.SearchAsync(tenant, query, Ct);
        Assert.NotNull(first.NextCursor);

        var second = await Index.SearchAsync(tenant, query with { Cursor = first.NextCursor }, Ct);
        Assert.NotEqual(first.Hits[0].Id, Assert.Single(second.Hits).Id);
        await Assert.ThrowsAsync<InvalidCursorException>(() =>
            Index.SearchAsync(tenant, query with { Boolean = QueryParser.Parse("pytorch -jax"), Cursor = first.NextCursor }, Ct));
    }
}
