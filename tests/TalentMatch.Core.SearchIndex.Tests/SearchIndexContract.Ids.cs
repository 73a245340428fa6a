using TalentMatch.Contracts;

namespace TalentMatch.Core.SearchIndex.Tests;

/// <summary>Restricting a query to some documents (a saved search run against one new candidate) or leaving some out
/// (a candidate among those similar to it), on every engine and in every list (words, skills alone, kNN).</summary>
public abstract partial class SearchIndexContract
{
    [Fact]
    public async Task Only_ids_restricts_and_excluded_ids_leave_out_in_every_list()
    {
        var tenant = NewTenant();
        var near = Resume("PyTorch engineer", "pytorch") with { Vector = Vector(1) };
        var nearer = Resume("PyTorch researcher", "pytorch") with { Vector = Vector(1, 2, 0.1f) };
        var far = Resume("JAX engineer", "jax") with { Vector = Vector(3) };
        await Index.IndexManyAsync(tenant, [near, nearer, far], Ct);
        // Another tenant's document with the same id is never found through the restriction.
        await Index.IndexAsync(NewTenant(), far with { Text = "PyTorch PyTorch", SkillIds = ["pytorch"] }, Ct);

        async Task<List<Guid>> Ids(SearchQuery query) => [.. (await Index.SearchAsync(tenant, query, Ct)).Hits.Select(h => h.Id)];
        var words = new SearchQuery(DocumentKind.Resume, "pytorch");
        Assert.Equal([nearer.Id], await Ids(words with { OnlyIds = [nearer.Id] }));
        Assert.Empty(await Ids(words with { OnlyIds = [far.Id] }));
        Assert.Equal(0, (await Index.SearchAsync(tenant, words with { OnlyIds = [far.Id] }, Ct)).Total);
        Assert.Equal([near.Id], await Ids(words with { ExcludedIds = [nearer.Id] }));

        var skills = new SearchQuery(DocumentKind.Resume, "") { MustHaveSkills = ["pytorch"] };
        Assert.Equal([near.Id], await Ids(skills with { OnlyIds = [near.Id, far.Id] }));

        var knn = new SearchQuery(DocumentKind.Resume, "") { Vector = Vector(1) };
        Assert.Equal([nearer.Id, far.Id], await Ids(knn with { ExcludedIds = [near.Id] }));
        Assert.Equal([far.Id], await Ids(knn with { OnlyIds = [far.Id] }));
    }
}
