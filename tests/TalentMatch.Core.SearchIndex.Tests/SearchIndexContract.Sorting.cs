using TalentMatch.Contracts;

namespace TalentMatch.Core.SearchIndex.Tests;

/// <summary>Sorting by date and by experience on every engine: a total order that paging walks without overlap.</summary>
public abstract partial class SearchIndexContract
{
    private async Task<(string Tenant, IndexedProfile[] Oldest_First)> IndexDatedAsync()
    {
        var tenant = NewTenant();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        // The newest has no years and the one before it 0: "without years" must not read as 0 (then newest would win the tie).
        double?[] years = [3, 10, 0, 7, null];
        var profiles = years.Select((y, i) => new IndexedProfile(
            Guid.CreateVersion7(start.AddMinutes(i)), DocumentKind.Resume, null, $"PyTorch engineer {i}{(i == 2 ? " PyTorch PyTorch" : "")}", ["pytorch"])
        {
            YearsOfExperience = y,
        }).ToArray();
        // Indexed out of order, so that no engine can pass by returning them in the order written.
        await Index.IndexManyAsync(tenant, [profiles[3], profiles[0], profiles[4], profiles[2], profiles[1]], Ct);
        return (tenant, profiles);
    }

    private async Task<List<Guid>> PageThroughAsync(string tenant, SearchQuery query)
    {
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await Index.SearchAsync(tenant, query with { Cursor = cursor }, Ct);
            seen.AddRange(page.Hits.Select(h => h.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null && seen.Count < 100);

        return seen;
    }

    [Fact]
    public async Task Newest_sorts_by_submission_and_pages_walk_the_same_order()
    {
        var (tenant, p) = await IndexDatedAsync();
        var query = new SearchQuery(DocumentKind.Resume, "pytorch", Limit: 2) { Sort = SearchSort.Newest };

        Assert.Equal([p[4].Id, p[3].Id, p[2].Id, p[1].Id, p[0].Id], await PageThroughAsync(tenant, query));
        Assert.Equal([p[4].Id, p[3].Id, p[2].Id, p[1].Id, p[0].Id], await PageThroughAsync(tenant, query with { Limit = 5 }));
    }

    [Fact]
    public async Task Experience_sorts_by_years_with_profiles_without_years_last()
    {
        var (tenant, p) = await IndexDatedAsync();
        var query = new SearchQuery(DocumentKind.Resume, "pytorch", Limit: 1) { Sort = SearchSort.Experience };

        Assert.Equal([p[1].Id, p[3].Id, p[0].Id, p[2].Id, p[4].Id], await PageThroughAsync(tenant, query));
        // Skills alone (nothing to score) sort the same way.
        var bySkill = new SearchQuery(DocumentKind.Resume, "", Limit: 10) { MustHaveSkills = ["pytorch"], Sort = SearchSort.Experience };
        Assert.Equal([p[1].Id, p[3].Id, p[0].Id, p[2].Id, p[4].Id], (await Index.SearchAsync(tenant, bySkill, Ct)).Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Relevance_stays_the_default_a_cursor_belongs_to_one_sort_and_a_vector_cannot_be_sorted()
    {
        var (tenant, p) = await IndexDatedAsync();

        // The profile that says PyTorch three times ranks first by relevance.
        Assert.Equal(p[2].Id, (await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "pytorch"), Ct)).Hits[0].Id);

        var newest = new SearchQuery(DocumentKind.Resume, "pytorch", Limit: 2) { Sort = SearchSort.Newest };
        var first = await Index.SearchAsync(tenant, newest, Ct);
        await Assert.ThrowsAsync<InvalidCursorException>(() =>
            Index.SearchAsync(tenant, newest with { Sort = SearchSort.Experience, Cursor = first.NextCursor }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Index.SearchAsync(tenant, newest with { Vector = Vector(1) }, Ct));
    }
}
