using TalentMatch.Contracts;

namespace TalentMatch.Core.SearchIndex.Tests;

/// <summary>Collapsing suspected duplicates on every engine: one hit per group, the others' ids with it, pages that never split a group.</summary>
public abstract partial class SearchIndexContract
{
    [Fact]
    public async Task Collapse_folds_each_group_into_its_best_hit_keeps_the_group_across_reindexing_and_pages_without_repeating_one()
    {
        var tenant = NewTenant();
        var start = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 5).Select(i => Guid.CreateVersion7(start.AddMinutes(i))).ToArray();
        // 0, 2 and 4 are one person; 1 and 3 are alone. Newest first: 4 (group), 3, 2 (folded), 1, 0 (folded).
        var group = ids[0];
        await Index.IndexManyAsync(tenant, [.. ids.Select((id, i) => new IndexedProfile(id, DocumentKind.Resume, null, $"Triton kernel author {i}", [])
        {
            DuplicateGroup = i % 2 == 0 ? group : null,
            Vector = Vector(i + 1),
        })], Ct);
        var query = new SearchQuery(DocumentKind.Resume, "triton", Limit: 10) { Sort = SearchSort.Newest, CollapseDuplicates = true };

        var all = await Index.SearchAsync(tenant, query, Ct);
        Assert.Equal([ids[4], ids[3], ids[1]], all.Hits.Select(h => h.Id));
        Assert.Equal([ids[2], ids[0]], all.Hits[0].Duplicates);
        Assert.Equal(group, all.Hits[0].DuplicateGroup);
        Assert.Empty(all.Hits[1].Duplicates);
        Assert.Equal(5, (await Index.SearchAsync(tenant, query with { CollapseDuplicates = false }, Ct)).Hits.Count);

        var paged = await PageThroughAsync(tenant, query with { Limit = 1 });
        Assert.Equal([ids[4], ids[3], ids[1]], paged);

        // Hybrid ranking folds too (the fused list is folded, then paged).
        var hybrid = await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "triton", Limit: 10) { Vector = Vector(3), CollapseDuplicates = true }, Ct);
        Assert.Equal(3, hybrid.Hits.Count);
        Assert.Equal(2, hybrid.Hits.Single(h => h.DuplicateGroup == group).Duplicates.Count);

        // The group is what the index reads back, and a profile re-indexed without one is alone again.
        Assert.Equal(group, (await Index.GetAsync(tenant, DocumentKind.Resume, ids[2], Ct))!.DuplicateGroup);
        await Index.IndexAsync(tenant, (await Index.GetAsync(tenant, DocumentKind.Resume, ids[2], Ct))! with { DuplicateGroup = null }, Ct);
        Assert.Equal([ids[4], ids[3], ids[2], ids[1]], (await Index.SearchAsync(tenant, query, Ct)).Hits.Select(h => h.Id));

        // A cursor of the uncollapsed list is not one of the collapsed list.
        var uncollapsed = await Index.SearchAsync(tenant, query with { CollapseDuplicates = false, Limit = 1 }, Ct);
        await Assert.ThrowsAsync<InvalidCursorException>(() => Index.SearchAsync(tenant, query with { Limit = 1, Cursor = uncollapsed.NextCursor }, Ct));

        // Another tenant's document in the same group id folds nothing of ours.
        var other = NewTenant();
        await Index.IndexAsync(other, new IndexedProfile(Guid.CreateVersion7(), DocumentKind.Resume, null, "Triton kernel author", []) { DuplicateGroup = group }, Ct);
        Assert.Single((await Index.SearchAsync(other, query, Ct)).Hits);
        Assert.Equal(4, (await Index.SearchAsync(tenant, query, Ct)).Hits.Count);
    }
}
