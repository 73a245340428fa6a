using TalentMatch.Contracts;

namespace TalentMatch.Core.SearchIndex.Lucene;

/// <summary>
/// The schema of the embedded engine's Lucene documents: field names, and the values of the key fields
/// (document key, tenant-and-kind) that the writer, the queries, the collectors and the vector side share.
/// </summary>
internal static class LuceneFields
{
    public const string Key = "key";
    public const string Tenant = "tenant";
    public const string Kind = "kind";
    public const string TenantKind = "tk";
    public const string Id = "id";
    public const string Title = "title";
    public const string Text = "text";

    /// <summary>Analysed like the text; absent from documents indexed before it existed (re-index to search them by employer).</summary>
    public const string Employer = "employer";
    public const string Skill = "skill";
    public const string SkillFacet = "skill_dv";
    public const string SkillExpanded = "skill_x";
    public const string Years = "years";
    public const string Location = "location";
    public const string LocationFacet = "location_dv";
    public const string Remote = "remote";
    public const string Seniority = "seniority";
    public const string SeniorityFacet = "seniority_dv";
    public const string Language = "language";
    public const string Vector = "vec";
    public const string Label = "vlabel";
    public const string Revision = "rev";

    /// <summary>The suspected-duplicate group (stored) and its doc values (read for every ranked hit when a search collapses).</summary>
    public const string Group = "group";
    public const string Identity = "identity";
    public const string GroupValues = "group_dv";

    /// <summary>The unique key of a profile's document (<see cref="Key"/> field).</summary>
    public static string KeyOf(string tenantId, DocumentKind kind, Guid id) => $"{tenantId}/{KindName(kind)}/{id}";

    /// <summary>The <see cref="TenantKind"/> value; also names the tenant's vector graph of that kind.</summary>
    public static string TenantKindOf(string tenantId, DocumentKind kind) => $"{tenantId}/{KindName(kind)}";

    // Tenant ids may contain '/', kinds never do: split at the last one.
    public static (string Tenant, string Kind) SplitTenantKind(string tenantKind)
    {
        var slash = tenantKind.LastIndexOf('/');
        return (tenantKind[..slash], tenantKind[(slash + 1)..]);
    }

    public static string KindName(DocumentKind kind) => kind.ToString().ToLowerInvariant();

    public static DocumentKind ParseKind(string kind) => Enum.Parse<DocumentKind>(kind, ignoreCase: true);

    public static string RemoteName(WorkMode mode) => mode.ToString().ToLowerInvariant();
}
