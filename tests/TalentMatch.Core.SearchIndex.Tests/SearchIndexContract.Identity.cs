using TalentMatch.Contracts;

namespace TalentMatch.Core.SearchIndex.Tests;

/// <summary>A resume's stored identity spans on every engine: kept as given, never searched, kept when the profile's group changes.</summary>
public abstract partial class SearchIndexContract
{
    [Fact]
    public async Task A_profiles_identity_is_read_back_as_stored_is_not_searchable_and_survives_a_group_change()
    {
        var tenant = NewTenant();
        var id = Guid.CreateVersion7();
        const string Identity = """{"version":2,"spans":[{"start":0,"end":8,"kind":"Name"}]}""";
        await Index.IndexAsync(tenant, new IndexedProfile(id, DocumentKind.Resume, null, "Jane Doe trains models with PyTorch", []) { Identity = Identity }, Ct);

        var stored = (await Index.GetAsync(tenant, DocumentKind.Resume, id, Ct))!;
        Assert.Equal(Identity, stored.Identity);
        Assert.Empty((await Index.SearchAsync(tenant, new SearchQuery(DocumentKind.Resume, "spans", Limit: 10), Ct)).Hits);

        await Index.IndexAsync(tenant, stored with { DuplicateGroup = id }, Ct);
        Assert.Equal(Identity, (await Index.GetAsync(tenant, DocumentKind.Resume, id, Ct))!.Identity);
        Assert.Null((await Index.GetAsync(NewTenant(), DocumentKind.Resume, id, Ct))?.Identity);
    }
}
