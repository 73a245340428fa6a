using TalentMatch.Contracts;
using TalentMatch.Core.SearchIndex;
using TalentMatch.Core.SearchIndex.Lucene;

namespace TalentMatch.Core.SearchIndex.Tests;

public sealed class LuceneSearchIndexTests : IDisposable
{
    private readonly string _path = Directory.CreateTempSubdirectory("talentmatch-lucene-").FullName;
    private readonly LuceneSearchIndex _index;

    public LuceneSearchIndexTests() => _index = new LuceneSearchIndex(_path);

    public void Dispose()
    {
        _index.Dispose();
        Directory.Delete(_path, recursive: true);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IndexedProfile Resume(string text, params string[] skills) =>
        new(Guid.CreateVersion7(), DocumentKind.Resume, null, text, skills);

    [Fact]
    public async Task A_keyword_finds_the_profile_that_contains_it_and_ranks_it_first()
    {
        var deepspeed = Resume("Trained 70B models with DeepSpeed ZeRO-3 and Megatron-LM.", "deepspeed");
        var react = Resume("Frontend engineer: React, TypeScript, CSS.");
        await _index.IndexAsync("acme", deepspeed, Ct);
        await _index.IndexAsync("acme", react, Ct);

        var results = await _index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "deepspeed"), Ct);

        Assert.Equal(1, results.Total);
        Assert.Equal(deepspeed.Id, results.Hits[0].Id);
        Assert.Contains("DeepSpeed", results.Hits[0].Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenants_documents_are_invisible_to_search_get_and_delete()
    {
        var secret = Resume("CUDA kernel engineer, FlashAttention contributor.");
        await _index.IndexAsync("tenant-a", secret, Ct);

        Assert.Equal(0, (await _index.SearchAsync("tenant-b", new SearchQuery(DocumentKind.Resume, "CUDA FlashAttention"), Ct)).Total);
        Assert.Null(await _index.GetAsync("tenant-b", DocumentKind.Resume, secret.Id, Ct));
        Assert.False(await _index.DeleteAsync("tenant-b", DocumentKind.Resume, secret.Id, Ct));

        // Still there for its owner after the other tenant's delete attempt.
        Assert.NotNull(await _index.GetAsync("tenant-a", DocumentKind.Resume, secret.Id, Ct));
    }

    [Fact]
    public async Task The_same_id_in_two_tenants_is_two_documents()
    {
        var id = Guid.CreateVersion7();
        await _index.IndexAsync("tenant-a", new IndexedProfile(id, DocumentKind.Resume, null, "PyTorch expert", []), Ct);
        await _index.IndexAsync("tenant-b", new IndexedProfile(id, DocumentKind.Resume, null, "TensorFlow expert", []), Ct);

        Assert.Equal("PyTorch expert", (await _index.GetAsync("tenant-a", DocumentKind.Resume, id, Ct))!.Text);
        Assert.Equal("TensorFlow expert", (await _index.GetAsync("tenant-b", DocumentKind.Resume, id, Ct))!.Text);
    }

    [Fact]
    public async Task Indexing_the_same_id_again_replaces_the_document()
    {
        var first = Resume("Kafka and Spark data engineer.");
        await _index.IndexAsync("acme", first, Ct);
        await _index.IndexAsync("acme", first with { Text = "Now an LLM serving engineer: vLLM, SGLang." }, Ct);

        Assert.Equal(0, (await _index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "Kafka"), Ct)).Total);
        Assert.Equal(1, (await _index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "vLLM"), Ct)).Total);
    }

    [Fact]
    public async Task A_replace_only_write_read_before_a_delete_does_not_bring_the_document_back()
    {
        // What the duplicate-groups consumer does: read the indexed profile, change its group, write it back. A delete
        // (an erasure) between the read and the write must win.
        var resume = Resume("Kafka and Spark data engineer.");
        await _index.IndexAsync("acme", resume, Ct);
        var read = (await _index.GetAsync("acme", DocumentKind.Resume, resume.Id, Ct))!;

        await _index.DeleteAsync("acme", DocumentKind.Resume, resume.Id, Ct);
        await _index.IndexAsync("acme", read with { DuplicateGroup = Guid.CreateVersion7(), ReplaceOnly = true }, Ct);

        Assert.Null(await _index.GetAsync("acme", DocumentKind.Resume, resume.Id, Ct));
        Assert.Equal(0, (await _index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "Kafka"), Ct)).Total);

        // While it is indexed, the same write replaces it.
        var other = Resume("LLM serving engineer: vLLM.");
        await _index.IndexAsync("acme", other, Ct);
        var group = Guid.CreateVersion7();
        await _index.IndexAsync("acme", other with { DuplicateGroup = group, ReplaceOnly = true }, Ct);
        Assert.Equal(group, (await _index.GetAsync("acme", DocumentKind.Resume, other.Id, Ct))!.DuplicateGroup);
    }

    [Fact]
    public async Task Jobs_and_resumes_are_searched_separately()
    {
        var job = new IndexedProfile(Guid.CreateVersion7(), DocumentKind.Job, "RLHF researcher", "We need RLHF and DPO experience.", []);
        await _index.IndexAsync("acme", job, Ct);
        await _index.IndexAsync("acme", Resume("I did RLHF at scale."), Ct);

        var jobs = await _index.SearchAsync("acme", new SearchQuery(DocumentKind.Job, "RLHF"), Ct);

        Assert.Equal(job.Id, Assert.Single(jobs.Hits).Id);
        Assert.Equal("RLHF researcher", jobs.Hits[0].Title);
    }

    [Fact]
    public async Task Chinese_text_is_found_by_a_chinese_word_without_spaces()
    {
        var resume = Resume("五年大模型经验，精通分布式训练和模型量化。");
        await _index.IndexAsync("acme", resume, Ct);

        var results = await _index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "分布式训练"), Ct);

        Assert.Equal(resume.Id, Assert.Single(results.Hits).Id);
    }

    [Fact]
    public async Task A_deleted_document_is_gone()
    {
        var resume = Resume("Triton Inference Server and TensorRT.");
        await _index.IndexAsync("acme", resume, Ct);

        Assert.True(await _index.DeleteAsync("acme", DocumentKind.Resume, resume.Id, Ct));
        Assert.Null(await _index.GetAsync("acme", DocumentKind.Resume, resume.Id, Ct));
        Assert.Equal(0, (await _index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "TensorRT"), Ct)).Total);
    }

    [Fact]
    public async Task A_deleted_documents_text_leaves_the_index_files_when_the_delete_returns()
    {
        // Indexed together, so both live in one segment: a Lucene delete alone would only mark the
        // erased one, and its words would stay in the segment's files until some later merge.
        var marker = "zqlucene" + Guid.NewGuid().ToString("N")[..10];
        var erased = Resume($"Jane Doe {marker}, CUDA kernel engineer.");
        var kept = Resume("John Roe, JAX and TPU engineer.");
        await _index.IndexManyAsync("acme", [erased, kept], Ct);
        Assert.NotEmpty(FilesContaining(_path, marker)); // the scan can find it

        await _index.DeleteAsync("acme", DocumentKind.Resume, erased.Id, Ct);

        Assert.Empty(FilesContaining(_path, marker));
        Assert.Equal(kept.Id, Assert.Single((await _index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "JAX"), Ct)).Hits).Id);
    }

    [Fact]
    public async Task A_snapshot_kept_for_paging_does_not_keep_a_deleted_documents_text_on_disk()
    {
        // A paged query's first page keeps its searcher (and so its segment files) for the later pages;
        // an erasure must still take the text off the disk when the delete returns.
        var marker = "zqpaging" + Guid.NewGuid().ToString("N")[..10];
        var erased = Resume($"Jane Doe {marker}, CUDA kernel engineer.");
        var others = Enumerable.Range(0, 30).Select(i => Resume($"CUDA kernel engineer {i}.")).ToList();
        await _index.IndexManyAsync("acme", [erased, .. others], Ct);
        var first = await _index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "cuda", Limit: 10), Ct);
        Assert.NotNull(first.NextCursor);

        await _index.DeleteAsync("acme", DocumentKind.Resume, erased.Id, Ct);

        Assert.Empty(FilesContaining(_path, marker));
        // The cursor still pages (by offset on the current index, its snapshot gone), and never shows the erased one.
        var second = await _index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "cuda", Limit: 10) { Cursor = first.NextCursor }, Ct);
        Assert.Equal(10, second.Hits.Count);
        Assert.DoesNotContain(erased.Id, second.Hits.Select(h => h.Id));
    }

    private static List<string> FilesContaining(string directory, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllBytes(f).AsSpan().IndexOf(bytes) >= 0)
            .Select(f => Path.GetRelativePath(directory, f))];
    }

    [Fact]
    public async Task What_was_indexed_survives_reopening_the_index()
    {
        var resume = Resume("Kubernetes MLOps engineer, Kubeflow and MLflow.", "kubernetes", "mlflow");
        await _index.IndexAsync("acme", resume, Ct);

        _index.Dispose();
        using var again = new LuceneSearchIndex(_path);
        var stored = await again.GetAsync("acme", DocumentKind.Resume, resume.Id, Ct);

        Assert.NotNull(stored);
        Assert.Equal(["kubernetes", "mlflow"], stored.SkillIds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("the and of")]
    [InlineData("title:* AND OR NOT \"")]
    public async Task A_query_with_nothing_to_search_for_or_with_operators_returns_without_error(string query)
    {
        await _index.IndexAsync("acme", Resume("PyTorch"), Ct);
        var results = await _index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, query), Ct);
        Assert.Equal(0, results.Total);
    }

    [Fact]
    public async Task The_limit_is_capped()
    {
        for (var i = 0; i < SearchQuery.MaxLimit + 5; i++)
        {
            await _index.IndexAsync("acme", Resume($"PyTorch engineer number {i}"), Ct);
        }

        var results = await _index.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "pytorch", Limit: 10_000), Ct);

        Assert.Equal(SearchQuery.MaxLimit + 5, results.Total);
        Assert.Equal(SearchQuery.MaxLimit, results.Hits.Count);
    }

    /// <summary>
    /// The state a kill -9 leaves: the files as they are on disk while the index is open (Lucene's last
    /// commit, the vector files of the last save), copied elsewhere and opened there.
    /// </summary>
    private string CrashCopy()
    {
        var copy = Directory.CreateTempSubdirectory("talentmatch-crash-").FullName;
        foreach (var file in Directory.EnumerateFiles(_path, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(_path, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    private static float[] Axis(int axis)
    {
        var v = new float[SearchIndexContract.Dimensions];
        v[axis] = 1;
        return v;
    }

    [Fact]
    public async Task Vectors_committed_after_the_last_vector_save_survive_a_crash()
    {
        var saved = Resume("saved") with { Vector = Axis(1) };
        await _index.IndexManyAsync("acme", [saved, Resume("other") with { Vector = Axis(2) }], Ct);
        _index.Checkpoint(); // the vector file now has both
        var unsaved = Resume("unsaved") with { Vector = Axis(3) };
        await _index.IndexAsync("acme", unsaved, Ct); // committed in Lucene, not yet in the vector file

        var copy = CrashCopy();
        try
        {
            using var reopened = new LuceneSearchIndex(copy);
            Assert.Equal(3, reopened.VectorCount("acme", DocumentKind.Resume));
            var near = await reopened.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "") { Vector = Axis(3) }, Ct);
            Assert.Equal(unsaved.Id, near.Hits[0].Id);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task A_vector_file_that_still_holds_deleted_profiles_is_rebuilt_from_lucene()
    {
        var keep = Resume("keep") with { Vector = Axis(1) };
        var gone = Resume("gone") with { Vector = Axis(2) };
        await _index.IndexManyAsync("acme", [keep, gone], Ct);
        _index.Checkpoint();
        await _index.DeleteAsync("acme", DocumentKind.Resume, gone.Id, Ct); // the saved file still has it

        var copy = CrashCopy();
        try
        {
            using var reopened = new LuceneSearchIndex(copy);
            Assert.Equal(1, reopened.VectorCount("acme", DocumentKind.Resume));
            var near = await reopened.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "") { Vector = Axis(2) }, Ct);
            Assert.Equal(keep.Id, Assert.Single(near.Hits).Id);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_missing_or_corrupt_vector_file_is_rebuilt_from_lucene(string? content)
    {
        var resume = Resume("x") with { Vector = Axis(5) };
        await _index.IndexManyAsync("acme", [resume, Resume("y") with { Vector = Axis(6) }], Ct);
        _index.Dispose();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_path, "usearch")))
        {
            if (content is null)
            {
                File.Delete(file);
            }
            else
            {
                await File.WriteAllTextAsync(file, content, Ct);
            }
        }

        using var reopened = new LuceneSearchIndex(_path);
        Assert.Equal(2, reopened.VectorCount("acme", DocumentKind.Resume));
        var near = await reopened.SearchAsync("acme", new SearchQuery(DocumentKind.Resume, "") { Vector = Axis(5) }, Ct);
        Assert.Equal(resume.Id, near.Hits[0].Id);
    }

    [Fact]
    public async Task A_selective_filter_and_a_broad_one_give_the_same_exact_neighbours()
    {
        // Few documents pass "senior": scored exactly. Force the graph path with a threshold of 0 and compare.
        var profiles = Enumerable.Range(0, 200).Select(i => Resume($"p{i}") with
        {
            Vector = Vectors.Normalised([.. Enumerable.Range(0, 16).Select(d => (float)Math.Sin((i + 1) * (d + 1)))]),
            Seniority = i % 3 == 0 ? "senior" : "junior",
        }).ToList();
        await _index.IndexManyAsync("acme", profiles, Ct);
        var graphPath = Directory.CreateTempSubdirectory("talentmatch-graph-").FullName;
        try
        {
            using var graph = new LuceneSearchIndex(graphPath, new LuceneSearchIndexOptions { Vectors = new VectorIndexOptions { ExactSearchThreshold = 0 } });
            await graph.IndexManyAsync("acme", profiles, Ct);
            var query = new SearchQuery(DocumentKind.Resume, "", Limit: 10) { Vector = profiles[5].Vector, Seniority = "senior" };

            var exact = await _index.SearchAsync("acme", query, Ct);
            var approximate = await graph.SearchAsync("acme", query, Ct);

            var expected = profiles.Where(p => p.Seniority == "senior")
                .OrderByDescending(p => Vectors.Dot(p.Vector, profiles[5].Vector)).Take(10).Select(p => p.Id).ToList();
            Assert.Equal(expected, exact.Hits.Select(h => h.Id));
            Assert.Equal(expected, approximate.Hits.Select(h => h.Id));
        }
        finally
        {
            Directory.Delete(graphPath, recursive: true);
        }
    }

    [Fact]
    public async Task Without_text_the_hits_are_the_same_without_snippet_or_highlights()
    {
        var group = Guid.CreateVersion7();
        var a = Resume("Trained 70B models with DeepSpeed ZeRO-3 and PyTorch.", "deepspeed", "pytorch") with { DuplicateGroup = group };
        var b = Resume("PyTorch engineer: recommendation models.", "pytorch");
        var c = Resume("Frontend engineer: React, TypeScript.");
        await _index.IndexManyAsync("acme", [a, b, c], Ct);
        var query = new SearchQuery(DocumentKind.Resume, "PyTorch DeepSpeed models") { NiceToHaveSkills = ["pytorch"] };

        var full = await _index.SearchAsync("acme", query, Ct);
        var bare = await _index.SearchAsync("acme", query with { WithoutText = true }, Ct);

        Assert.Equal(full.Total, bare.Total);
        Assert.Equal(full.Hits.Select(h => (h.Id, h.Kind, h.Title, h.Score, h.DuplicateGroup)), bare.Hits.Select(h => (h.Id, h.Kind, h.Title, h.Score, h.DuplicateGroup)));
        Assert.Equal(group, bare.Hits.Single(h => h.Id == a.Id).DuplicateGroup);
        Assert.Contains(full.Hits, h => h.Highlights.Count > 0 && h.Snippet.Length > 0);
        Assert.All(bare.Hits, h => Assert.True(h.Snippet.Length == 0 && h.Highlights.Count == 0));
    }
}
