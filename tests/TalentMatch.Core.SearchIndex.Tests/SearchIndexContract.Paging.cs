using TalentMatch.Contracts;

namespace TalentMatch.Core.SearchIndex.Tests;

/// <summary>
/// Paging while the index changes (ADR 0003, "Paging"): the pages of one query are slices of the ranking its first
/// page was computed on, so documents indexed between two pages neither appear nor shift the list; a document
/// deleted meanwhile is not shown. Both engines keep a view: the embedded engine a searcher snapshot, Elasticsearch a
/// point in time.
/// </summary>
public abstract partial class SearchIndexContract
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Ids one second apart in <paramref name="i"/>'s order (UUIDv7 orders only by millisecond; within one it is random).</summary>
    private static IndexedProfile Kernel(int i, string words) =>
        new(Guid.CreateVersion7(Epoch.AddSeconds(i)), DocumentKind.Resume, null, words, ["pytorch"])
        {
            Vector = Vector(i % 150, 200, 0.01f * ((i % 97) + 1)),
            YearsOfExperience = i % 21,
        };

    [Theory]
    [InlineData(20, SearchSort.Relevance, false)]
    [InlineData(50, SearchSort.Newest, false)]
    [InlineData(100, SearchSort.Experience, false)]
    [InlineData(20, SearchSort.Relevance, true)]
    public async Task Documents_indexed_between_pages_neither_appear_nor_shift_the_pages(int pageSize, SearchSort sort, bool hybrid)
    {
        var tenant = NewTenant();
        // Texts of different lengths, so that BM25 scores differ and a new document can rank anywhere.
        var existing = Enumerable.Range(0, 240).Select(i => Kernel(i, $"Triton kernel author {string.Join(' ', Enumerable.Repeat("cuda", i % 7))} {i}")).ToList();
        await Index.IndexManyAsync(tenant, existing, Ct);

        var query = new SearchQuery(DocumentKind.Resume, "triton kernel", Limit: pageSize) { Sort = sort, Vector = hybrid ? Vector(200) : null };
        var seen = new List<Guid>();
        string? cursor = null;
        var written = 0;
        var pages = 0;
        do
        {
            var page = await Index.SearchAsync(tenant, query with { Cursor = cursor }, Ct);
            Assert.Equal(existing.Count, page.Total);
            seen.AddRange(page.Hits.Select(h => h.Id));
            cursor = page.NextCursor;
            pages++;
            // Between pages: documents that outrank everything (more matching words, newest, most years, nearest),
            // and documents without the words that change BM25's statistics (document frequency, average length).
            var batch = Enumerable.Range(0, 9).Select(j => Kernel(10_000 + written + j, "triton triton kernel kernel") with
            {
                Vector = Vector(200),
                YearsOfExperience = 40,
            }).Concat(Enumerable.Range(0, 9).Select(j => Kernel(20_000 + written + j, $"unrelated words only {j} {string.Join(' ', Enumerable.Repeat("filler", 30))}")))
            .ToList();
            written += batch.Count;
            await Index.IndexManyAsync(tenant, batch, Ct);
        }
        while (cursor is not null && pages < 30);

        Assert.Equal((existing.Count + pageSize - 1) / pageSize, pages);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(existing.Select(p => p.Id).ToHashSet(), seen.ToHashSet());
    }

    [Fact]
    public async Task A_document_deleted_between_pages_is_not_shown_and_the_pages_still_meet()
    {
        var tenant = NewTenant();
        var existing = Enumerable.Range(0, 60).Select(i => Kernel(i, $"Triton kernel author {i}")).ToList();
        await Index.IndexManyAsync(tenant, existing, Ct);
        var query = new SearchQuery(DocumentKind.Resume, "triton", Limit: 20) { Sort = SearchSort.Newest };

        var first = await Index.SearchAsync(tenant, query, Ct);
        // Newest first: the second page is existing[39..20]. One of it is erased before it is read.
        Assert.Equal(existing[59].Id, first.Hits[0].Id);
        await Index.DeleteAsync(tenant, DocumentKind.Resume, existing[30].Id, Ct);
        var second = await Index.SearchAsync(tenant, query with { Cursor = first.NextCursor }, Ct);
        var third = await Index.SearchAsync(tenant, query with { Cursor = second.NextCursor }, Ct);

        // Whether the engine still ranks on the first page's view (the erased one's place stays empty) or on the
        // current index (the later hits move up one place, within the pages not yet read): every other one once.
        var seen = first.Hits.Concat(second.Hits).Concat(third.Hits).Select(h => h.Id).ToList();
        Assert.Equal(existing.Count - 1, seen.Count);
        Assert.Equal(existing.Select(p => p.Id).Where(id => id != existing[30].Id).Reverse(), seen);
        Assert.Null(third.NextCursor);
    }
}
