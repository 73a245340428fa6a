using TalentMatch.Contracts;

namespace TalentMatch.Core.SearchIndex.Tests;

/// <summary>
/// What every search adapter must do, run against each engine the machine can start (embedded always,
/// Elasticsearch when Docker or <c>TALENTMATCH_ELASTICSEARCH_URL</c> is there). Every test uses its own
/// tenants, so tests never see each other's documents even when the engine is shared.
/// </summary>
public abstract partial class SearchIndexContract
{
    public const int Dimensions = 384;

    /// <summary>A slice of the taxonomy (same ids), so that the suite does not depend on the taxonomy's data.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Parents = new Dictionary<string, string[]>
    {
        ["zero-optimizer"] = ["data-parallelism"],
        ["data-parallelism"] = ["distributed-training"],
        ["megatron-lm"] = ["distributed-training"],
        ["deepspeed"] = ["distributed-training"],
        ["distributed-training"] = ["llm-training"],
        ["pytorch-lightning"] = ["pytorch"],
        ["pytorch"] = ["deep-learning-frameworks"],
    };

    public static IEnumerable<string> Ancestors(string id)
    {
        var pending = new Stack<string>(Parents.GetValueOrDefault(id, []));
        while (pending.TryPop(out var parent))
        {
            yield return parent;
            foreach (var p in Parents.GetValueOrDefault(parent, []))
            {
                pending.Push(p);
            }
        }
    }

    /// <summary>The adapter under test (ancestors from <see cref="Ancestors"/>); skips the test when the engine is not available.</summary>
    protected abstract ISearchIndex Index { get; }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewTenant() => "t-" + Guid.NewGuid().ToString("N")[..12];

    private static IndexedProfile Resume(string text, params string[] skills) =>
        new(Guid.CreateVersion7(), DocumentKind.Resume, null, text, skills);

    /// <summary>A unit vector close to axis <paramref name="axis"/>, tilted towards <paramref name="towards"/> by <paramref name="tilt"/>.</summary>
    protected static float[] Vector(int axis, int towards = 0, float tilt = 0f)
    {
        var v = new float[Dimensions];
        v[axis] = 1f;
        v[towards] += tilt;
        return Vectors.Normalised(v);
    }

    [Fact]
    public async Task An_older_revision_never_replaces_a_newer_one_but_the_same_revision_does()
    {
        var tenant = NewTenant();
        var id = Guid.CreateVersion7();
        IndexedProfile Job(string text, int revision) =>
            new(id, DocumentKind.Job, "ML engineer", text, ["pytorch"]) { Revision = revision, Vector = Vector(revision % 4) };

        await Index.IndexAsync(tenant, Job("second version", 2), Ct);
        // A redelivered copy of revision 1 arrives late, alone and in a bulk.
        await Index.IndexAsync(tenant, Job("first version", 1), Ct);
        await Index.IndexManyAsync(tenant, [Job("first version", 1)], Ct);
        var kept = await Index.GetAsync(tenant, DocumentKind.Job, id, Ct);
        Assert.Equal(("second version", 2), (kept!.Text, kept.Revision));
        Assert.Equal(0, (await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Job, "first"), Ct)).Total);

        // The same revision again replaces it (a repeat is idempotent, not refused); a newer one too.
        await Index.IndexAsync(tenant, Job("second version, repeated", 2), Ct);
        Assert.Equal("second version, repeated", (await Index.GetAsync(tenant, DocumentKind.Job, id, Ct))!.Text);
        await Index.IndexManyAsync(tenant, [Job("third version", 3)], Ct);
        Assert.Equal(("third version", 3), ((await Index.GetAsync(tenant, DocumentKind.Job, id, Ct))!.Text, 3));
        Assert.Equal(1, (await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Job, "version"), Ct)).Total);
    }

    [Fact]
    public async Task A_keyword_finds_the_profile_that_contains_it_and_highlights_the_word()
    {
        var tenant = NewTenant();
        var deepspeed = Resume("Trained 70B models with DeepSpeed ZeRO-3 and Megatron-LM.", "deepspeed");
        await Index.IndexAsync(tenant, deepspeed, Ct);
        await Index.IndexAsync(tenant, Resume("Frontend engineer: React, TypeScript, CSS."), Ct);

        var results = await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "deepspeed"), Ct);

        Assert.Equal(1, results.Total);
        var hit = Assert.Single(results.Hits);
        Assert.Equal(deepspeed.Id, hit.Id);
        Assert.Contains(hit.Highlights, h => h.Contains("<em>DeepSpeed</em>", StringComparison.Ordinal));
        Assert.Null(results.NextCursor);
    }

    [Fact]
    public async Task Highlights_encode_the_text_around_the_marks()
    {
        var tenant = NewTenant();
        await Index.IndexAsync(tenant, Resume("<script>alert(1)</script> PyTorch & CUDA"), Ct);

        var hit = Assert.Single((await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "pytorch"), Ct)).Hits);

        var highlight = Assert.Single(hit.Highlights);
        Assert.DoesNotContain("<script>", highlight, StringComparison.Ordinal);
        Assert.Contains("<em>PyTorch</em>", highlight, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenant_sees_nothing_through_search_knn_facets_get_or_delete()
    {
        var (a, b) = (NewTenant(), NewTenant());
        var secret = Resume("CUDA kernel engineer, FlashAttention contributor.", "cuda") with
        {
            Vector = Vector(3), Seniority = "staff", Location = "Shanghai",
        };
        await Index.IndexAsync(a, secret, Ct);
        await Index.IndexAsync(b, Resume("Unrelated marketing text.") with { Vector = Vector(100) }, Ct);

        var keyword = await Index.SearchAsync(b, new SearchQuery(DocumentKind.Resume, "CUDA FlashAttention") { Facets = SearchFacets.All }, Ct);
        Assert.Equal(0, keyword.Total);
        Assert.All(keyword.Facets.Values, values => Assert.Empty(values));

        var knn = await Index.SearchAsync(b, new SearchQuery(DocumentKind.Resume, "") { Vector = Vector(3), Facets = SearchFacets.All }, Ct);
        Assert.DoesNotContain(knn.Hits, h => h.Id == secret.Id);
        Assert.DoesNotContain(knn.Facets["skills"], f => f.Value == "cuda");
        Assert.DoesNotContain(knn.Facets["seniority"], f => f.Value == "staff");

        var skills = await Index.SearchAsync(b, new SearchQuery(DocumentKind.Resume, "") { MustHaveSkills = ["cuda"] }, Ct);
        Assert.Empty(skills.Hits);

        Assert.Null(await Index.GetAsync(b, DocumentKind.Resume, secret.Id, Ct));
        Assert.False(await Index.DeleteAsync(b, DocumentKind.Resume, secret.Id, Ct));

        // Still there, vector included, for its owner after the other tenant's delete attempt.
        Assert.NotNull(await Index.GetAsync(a, DocumentKind.Resume, secret.Id, Ct));
        var own = await Index.SearchAsync(a, new SearchQuery(DocumentKind.Resume, "") { Vector = Vector(3) }, Ct);
        Assert.Equal(secret.Id, own.Hits[0].Id);
    }

    [Fact]
    public async Task A_cursor_is_refused_by_another_tenant_and_by_another_query()
    {
        var (a, b) = (NewTenant(), NewTenant());
        for (var i = 0; i < 5; i++)
        {
            await Index.IndexAsync(a, Resume($"PyTorch engineer {i}"), Ct);
            await Index.IndexAsync(b, Resume($"PyTorch engineer {i}"), Ct);
        }

        var query = new SearchQuery(DocumentKind.Resume, "pytorch", Limit: 2);
        var first = await Index.SearchAsync(a, query, Ct);
        Assert.NotNull(first.NextCursor);

        await Assert.ThrowsAsync<InvalidCursorException>(() => Index.SearchAsync(b, query with { Cursor = first.NextCursor }, Ct));
        await Assert.ThrowsAsync<InvalidCursorException>(() => Index.SearchAsync(a, query with { Text = "engineer", Cursor = first.NextCursor }, Ct));
        await Assert.ThrowsAsync<InvalidCursorException>(() => Index.SearchAsync(a, query with { Seniority = "senior", Cursor = first.NextCursor }, Ct));
        await Assert.ThrowsAsync<InvalidCursorException>(() => Index.SearchAsync(a, query with { Cursor = "not-a-cursor" }, Ct));
        await Assert.ThrowsAsync<InvalidCursorException>(() => Index.SearchAsync(a, query with { Cursor = first.NextCursor![..^2] }, Ct));
    }

    [Fact]
    public async Task Cursor_pages_cover_every_hit_once_and_the_last_page_has_no_cursor()
    {
        var tenant = NewTenant();
        var ids = new HashSet<Guid>();
        for (var i = 0; i < 7; i++)
        {
            var resume = Resume($"Kubernetes operator number {i}");
            ids.Add(resume.Id);
            await Index.IndexAsync(tenant, resume, Ct);
        }

        var seen = new List<Guid>();
        var query = new SearchQuery(DocumentKind.Resume, "kubernetes", Limit: 3);
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Index.SearchAsync(tenant, query with { Cursor = cursor }, Ct);
            Assert.Equal(7, page.Total);
            seen.AddRange(page.Hits.Select(h => h.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(7, seen.Count);
        Assert.Equal(ids, seen.ToHashSet());
    }

    [Theory]
    [InlineData(20, false)]
    [InlineData(50, false)]
    [InlineData(20, true)]
    public async Task Paging_reaches_every_hit_past_the_first_hundred(int pageSize, bool hybrid)
    {
        // Regression: each page collected only max(100, offset + limit) candidates, so the page that
        // ended at the 100th hit saw exactly that many and issued no cursor: hits 101+ were unreachable.
        // Every hit once: no gaps, no duplicates (nothing is indexed between the pages).
        var tenant = NewTenant();
        var ids = new HashSet<Guid>();
        for (var i = 0; i < 150; i++)
        {
            var resume = new IndexedProfile(Guid.CreateVersion7(), DocumentKind.Resume, null, $"Triton kernel author {i}", [])
            {
                // Distinct cosines to the query vector (axis 200): ties would let the kNN list
                // order equal documents differently at each page's depth.
                Vector = Vector(i, 200, 0.01f * (i + 1)),
            };
            ids.Add(resume.Id);
            await Index.IndexAsync(tenant, resume, Ct);
        }

        var query = new SearchQuery(DocumentKind.Resume, "triton", Limit: pageSize) { Vector = hybrid ? Vector(200) : null };
        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Index.SearchAsync(tenant, query with { Cursor = cursor }, Ct);
            seen.AddRange(page.Hits.Select(h => h.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 20);

        Assert.Equal((150 + pageSize - 1) / pageSize, pages);
        Assert.Equal(150, seen.Count);
        Assert.Equal(ids, seen.ToHashSet());
    }

    [Fact]
    public async Task A_must_have_skill_is_met_by_its_descendants_and_excludes_the_rest()
    {
        var tenant = NewTenant();
        var zero = Resume("Sharded optimizer states for 70B training.", "zero-optimizer");
        var megatron = Resume("Tensor parallel pretraining.", "megatron-lm");
        var pytorch = Resume("Computer vision with PyTorch.", "pytorch");
        await Index.IndexManyAsync(tenant, [zero, megatron, pytorch], Ct);

        var results = await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "") { MustHaveSkills = ["distributed-training"] }, Ct);

        Assert.Equal(2, results.Total);
        Assert.Equal(new[] { zero.Id, megatron.Id }.Order(), results.Hits.Select(h => h.Id).Order());
    }

    [Fact]
    public async Task Every_must_have_skill_is_required_and_words_still_must_match()
    {
        var tenant = NewTenant();
        var both = Resume("LLM engineer, training at scale.", "zero-optimizer", "pytorch-lightning");
        var one = Resume("LLM engineer, training at scale.", "zero-optimizer");
        var wordsMissing = Resume("Statistician.", "zero-optimizer", "pytorch");
        await Index.IndexManyAsync(tenant, [both, one, wordsMissing], Ct);

        var results = await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "LLM") { MustHaveSkills = ["data-parallelism", "pytorch"] }, Ct);

        Assert.Equal(both.Id, Assert.Single(results.Hits).Id);
    }

    [Fact]
    public async Task A_nice_to_have_skill_raises_a_profile_without_excluding_others()
    {
        var tenant = NewTenant();
        var plain = Resume("Machine learning engineer, recommendation systems.");
        var withSkill = Resume("Machine learning engineer, recommendation systems.", "megatron-lm");
        await Index.IndexAsync(tenant, plain, Ct);
        await Index.IndexAsync(tenant, withSkill, Ct);

        var results = await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "recommendation") { NiceToHaveSkills = ["distributed-training"] }, Ct);

        Assert.Equal(2, results.Total);
        Assert.Equal(withSkill.Id, results.Hits[0].Id);
        Assert.Equal(plain.Id, results.Hits[1].Id);
    }

    [Fact]
    public async Task Years_location_remote_seniority_and_language_filter()
    {
        var tenant = NewTenant();
        var target = Resume("Research engineer.") with
        {
            YearsOfExperience = 6, Location = "Berlin", Remote = WorkMode.Hybrid, Seniority = "Senior", Language = "en",
        };
        await Index.IndexManyAsync(tenant,
        [
            target,
            target with { Id = Guid.CreateVersion7(), YearsOfExperience = 2 },
            target with { Id = Guid.CreateVersion7(), Location = "Munich" },
            target with { Id = Guid.CreateVersion7(), Remote = WorkMode.Remote },
            target with { Id = Guid.CreateVersion7(), Seniority = "junior" },
            target with { Id = Guid.CreateVersion7(), Language = "zh" },
            target with { Id = Guid.CreateVersion7(), YearsOfExperience = null, Location = null, Remote = null, Seniority = null, Language = null },
        ], Ct);

        var query = new SearchQuery(DocumentKind.Resume, "engineer")
        {
            YearsMin = 5, YearsMax = 6, Location = "berlin", Remote = WorkMode.Hybrid, Seniority = "SENIOR", Language = "EN",
        };
        var results = await Index.SearchAsync(tenant, query, Ct);

        Assert.Equal(target.Id, Assert.Single(results.Hits).Id);
        Assert.Equal(7, (await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "engineer"), Ct)).Total);
        Assert.Equal(1, (await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "engineer") { YearsMax = 3 }, Ct)).Total);
        Assert.Equal(5, (await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "engineer") { YearsMin = 6 }, Ct)).Total);
    }

    [Fact]
    public async Task Facets_count_the_matching_documents_after_filters()
    {
        var tenant = NewTenant();
        await Index.IndexManyAsync(tenant,
        [
            Resume("Vision engineer", "pytorch", "cuda") with { Seniority = "senior", Location = "Beijing" },
            Resume("Vision engineer", "pytorch") with { Seniority = "senior", Location = "Shanghai" },
            Resume("Vision engineer", "pytorch") with { Seniority = "junior", Location = "Beijing" },
            Resume("Vision engineer", "tensorflow") with { Seniority = "senior", Location = "Beijing", YearsOfExperience = 1 },
            Resume("Accountant", "excel") with { Seniority = "senior", Location = "Beijing" },
        ], Ct);

        var results = await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "vision")
        {
            Facets = SearchFacets.All, MustHaveSkills = ["pytorch"],
        }, Ct);

        Assert.Equal(3, results.Total);
        Assert.Equal([new FacetValue("pytorch", 3), new FacetValue("cuda", 1)], results.Facets["skills"]);
        Assert.Equal([new FacetValue("senior", 2), new FacetValue("junior", 1)], results.Facets["seniority"]);
        Assert.Equal([new FacetValue("beijing", 2), new FacetValue("shanghai", 1)], results.Facets["location"]);

        var onlySkills = await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "vision") { Facets = SearchFacets.Skills }, Ct);
        Assert.Equal(["skills"], onlySkills.Facets.Keys);
    }

    [Fact]
    public async Task Knn_ranks_the_nearest_vector_first_and_respects_filters()
    {
        var tenant = NewTenant();
        var nearest = Resume("Profile A") with { Vector = Vector(10, 11, 0.1f), Seniority = "junior" };
        var second = Resume("Profile B") with { Vector = Vector(10, 11, 0.6f), Seniority = "senior" };
        var far = Resume("Profile C") with { Vector = Vector(200), Seniority = "senior" };
        var none = Resume("Profile D without a vector") with { Seniority = "senior" };
        await Index.IndexManyAsync(tenant, [far, second, nearest, none], Ct);

        var all = await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "") { Vector = Vector(10) }, Ct);
        Assert.Equal([nearest.Id, second.Id, far.Id], all.Hits.Select(h => h.Id));
        Assert.All(all.Hits, h => Assert.Empty(h.Highlights));

        var seniors = await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "") { Vector = Vector(10), Seniority = "senior" }, Ct);
        Assert.Equal([second.Id, far.Id], seniors.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Hybrid_search_ranks_first_what_both_words_and_vector_agree_on()
    {
        var tenant = NewTenant();
        var both = Resume("Reinforcement learning from human feedback") with { Vector = Vector(20, 21, 0.3f) };
        var wordsOnly = Resume("Reinforcement learning for robotics") with { Vector = Vector(300) };
        var vectorOnly = Resume("Preference optimisation (DPO)") with { Vector = Vector(20) };
        await Index.IndexManyAsync(tenant, [wordsOnly, vectorOnly, both], Ct);

        var results = await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "reinforcement learning human feedback") { Vector = Vector(20) }, Ct);

        Assert.Equal(both.Id, results.Hits[0].Id);
        Assert.Contains(results.Hits, h => h.Id == vectorOnly.Id);
        Assert.Contains(results.Hits, h => h.Id == wordsOnly.Id);
        Assert.NotEmpty(results.Hits[0].Highlights);
    }

    [Fact]
    public async Task Replacing_or_deleting_a_profile_updates_knn()
    {
        var tenant = NewTenant();
        var moved = Resume("Moves") with { Vector = Vector(30) };
        var deleted = Resume("Goes") with { Vector = Vector(31) };
        var stays = Resume("Stays") with { Vector = Vector(40) };
        await Index.IndexManyAsync(tenant, [moved, deleted, stays], Ct);

        await Index.IndexAsync(tenant, moved with { Vector = Vector(50) }, Ct);
        Assert.True(await Index.DeleteAsync(tenant, DocumentKind.Resume, deleted.Id, Ct));

        var near30 = await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "") { Vector = Vector(30) }, Ct);
        Assert.Equal(2, near30.Hits.Count);
        Assert.DoesNotContain(near30.Hits, h => h.Id == deleted.Id);
        var near50 = await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "") { Vector = Vector(50) }, Ct);
        Assert.Equal(moved.Id, near50.Hits[0].Id);
    }

    [Fact]
    public async Task Get_returns_every_stored_fact_of_the_profile()
    {
        var tenant = NewTenant();
        var vector = Vector(7, 8, 0.5f);
        var job = new IndexedProfile(Guid.CreateVersion7(), DocumentKind.Job, "ML Platform Lead", "Own our training platform.", ["kubernetes", "pytorch"])
        {
            Vector = vector, YearsOfExperience = 8.5, Location = "london", Remote = WorkMode.Remote, Seniority = "staff", Language = "en",
        };
        await Index.IndexAsync(tenant, job, Ct);

        var stored = await Index.GetAsync(tenant, DocumentKind.Job, job.Id, Ct);

        Assert.NotNull(stored);
        Assert.Equal(job with { Vector = null }, stored with { Vector = null, SkillIds = job.SkillIds });
        Assert.Equal(job.SkillIds, stored.SkillIds);
        Assert.Equal(vector, stored.Vector!, (x, y) => Math.Abs(x - y) < 1e-6);
        Assert.Null(await Index.GetAsync(tenant, DocumentKind.Resume, job.Id, Ct));
    }

    [Fact]
    public async Task The_same_id_in_two_tenants_is_two_documents()
    {
        var (a, b) = (NewTenant(), NewTenant());
        var id = Guid.CreateVersion7();
        await Index.IndexAsync(a, new IndexedProfile(id, DocumentKind.Resume, null, "PyTorch expert", []), Ct);
        await Index.IndexAsync(b, new IndexedProfile(id, DocumentKind.Resume, null, "TensorFlow expert", []), Ct);

        Assert.True(await Index.DeleteAsync(b, DocumentKind.Resume, id, Ct));
        Assert.Equal("PyTorch expert", (await Index.GetAsync(a, DocumentKind.Resume, id, Ct))!.Text);
    }

    [Fact]
    public async Task Chinese_text_is_found_by_a_chinese_word_without_spaces()
    {
        var tenant = NewTenant();
        var resume = Resume("五年大模型经验，精通分布式训练和模型量化。");
        await Index.IndexAsync(tenant, resume, Ct);

        var results = await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "分布式训练"), Ct);

        Assert.Equal(resume.Id, Assert.Single(results.Hits).Id);
    }

    [Fact]
    public async Task Chinese_highlights_keep_their_characters_and_still_escape_markup()
    {
        var tenant = NewTenant();
        await Index.IndexAsync(tenant, Resume("精通PyTorch、分布式训练 & <b>量化</b>"), Ct);

        var hit = Assert.Single((await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "分布式训练"), Ct)).Hits);

        var highlight = Assert.Single(hit.Highlights);
        // Readable as text: CJK characters are not numeric entities (&#31934; for 精) ...
        Assert.DoesNotContain("&#", highlight.Replace("&#x27;", "", StringComparison.Ordinal).Replace("&#x2F;", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("精通PyTorch", highlight, StringComparison.Ordinal);
        Assert.Contains("<em>", highlight, StringComparison.Ordinal);
        // ... and still safe to put into HTML.
        Assert.Contains("&amp;", highlight, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", highlight, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;", highlight, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_vector_of_other_dimensions_is_an_argument_error()
    {
        var tenant = NewTenant();
        await Index.IndexAsync(tenant, Resume("x") with { Vector = Vector(1) }, Ct);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "") { Vector = new float[3] }, Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("the and of")]
    [InlineData("title:* AND OR NOT \"")]
    public async Task A_query_with_nothing_to_search_for_finds_nothing_without_error(string text)
    {
        var tenant = NewTenant();
        await Index.IndexAsync(tenant, Resume("PyTorch"), Ct);

        Assert.Equal(0, (await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, text), Ct)).Total);
    }
}
