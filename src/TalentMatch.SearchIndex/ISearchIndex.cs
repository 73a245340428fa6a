using TalentMatch.Contracts;

namespace TalentMatch.SearchIndex;

/// <summary>A candidate or job as the index stores it.</summary>
public sealed record IndexedProfile(
    Guid Id,
    DocumentKind Kind,
    string? Title,
    string Text,
    IReadOnlyList<string> SkillIds);

/// <summary>A keyword query within one tenant and one kind of document.</summary>
public sealed record SearchQuery(DocumentKind Kind, string Text, int Limit = SearchQuery.DefaultLimit)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
}

public sealed record SearchHit(Guid Id, DocumentKind Kind, string? Title, double Score, string Snippet);

public sealed record SearchResults(long Total, IReadOnlyList<SearchHit> Hits);

/// <summary>
/// The search port. The tenant is a required argument of every operation, never an option:
/// an adapter must make it impossible to see or change another tenant's documents.
/// Adapters: embedded Lucene.Net (<see cref="Lucene.LuceneSearchIndex"/>); Elasticsearch to come.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Adds or replaces a profile; durable when the task completes.</summary>
    Task IndexAsync(string tenantId, IndexedProfile profile, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string tenantId, DocumentKind kind, Guid id, CancellationToken cancellationToken = default);

    Task<IndexedProfile?> GetAsync(string tenantId, DocumentKind kind, Guid id, CancellationToken cancellationToken = default);

    Task<SearchResults> SearchAsync(string tenantId, SearchQuery query, CancellationToken cancellationToken = default);
}
