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
    [Fact]
    public async Task Ids_only_hits_carry_id_score_and_group_but_no_text()
    {
        var tenant = NewTenant();
        var group = Guid.CreateVersion7();
        var grouped = Resume("Trained models with DeepSpeed.", "deepspeed") with { Vector = Vector(1), DuplicateGroup = group };
        var other = Resume("DeepSpeed and PyTorch at scale.", "deepspeed") with { Vector = Vector(2) };
        await Index.IndexManyAsync(tenant, [grouped, other], Ct);
        var query = new SearchQuery(DocumentKind.Resume, "deepspeed") { Vector = Vector(1), NiceToHaveSkills = ["deepspeed"] };

        var full = await Index.SearchAsync(tenant, query, Ct);
        var bare = await Index.SearchAsync(tenant, query with { IdsOnly = true }, Ct);

        // The same hits in the same order with the same scores: only what is shown of each is left out.
        Assert.Equal(full.Hits.Select(h => (h.Id, h.Score, h.DuplicateGroup)), bare.Hits.Select(h => (h.Id, h.Score, h.DuplicateGroup)));
        Assert.Equal(full.Total, bare.Total);
        Assert.Contains(full.Hits, h => h.Highlights.Count > 0);
        Assert.All(bare.Hits, h =>
        {
            Assert.Empty(h.Highlights);
            Assert.Equal("", h.Snippet);
            Assert.Equal(DocumentKind.Resume, h.Kind);
        });
        Assert.Equal(group, bare.Hits.Single(h => h.Id == grouped.Id).DuplicateGroup);
    }
}
