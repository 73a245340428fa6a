using TalentMatch.Contracts;

namespace TalentMatch.Core.SearchIndex;

/// <summary>Where a candidate wants to work, or where a job is done.</summary>
public enum WorkMode
{
    Onsite,
    Hybrid,
    Remote,
}

/// <summary>
/// A candidate or job as the index stores it. The positional members are what every profile has;
/// the init members are optional facts that filters, facets and kNN work on (absent: the profile
/// simply does not match a filter on that fact).
/// </summary>
/// <param name="SkillIds">Taxonomy ids of the profile's own skills. The index also stores each one's
/// ancestors (see <see cref="SearchIndexOptions.SkillAncestors"/>) so that a must-have skill matches its descendants.</param>
public sealed record IndexedProfile(
    Guid Id,
    DocumentKind Kind,
    string? Title,
    string Text,
    IReadOnlyList<string> SkillIds)
{
    /// <summary>Embedding of the profile (L2-normalised; cosine); null: the profile takes no part in kNN.</summary>
    public float[]? Vector { get; init; }

    public double? YearsOfExperience { get; init; }

    /// <summary>Employers named in the profile (a resume's work history); what <c>employer:</c> searches.</summary>
    public IReadOnlyList<string> Employers { get; init; } = [];

    /// <summary>Free-form place name (city or country); matched case-insensitively and exactly.</summary>
    public string? Location { get; init; }

    public WorkMode? Remote { get; init; }

    /// <summary>For example junior, mid, senior, staff, principal; matched case-insensitively.</summary>
    public string? Seniority { get; init; }

    /// <summary>Language of the document (ISO 639-1: en, zh).</summary>
    public string? Language { get; init; }

    /// <summary>
    /// The document's revision (a job replaced with PUT counts up; a resume stays 0). Indexing a
    /// lower revision than the one indexed changes nothing: a late redelivery of old content never
    /// replaces newer content. The same revision again replaces it (an idempotent repeat).
    /// </summary>
    public int Revision { get; init; }

    /// <summary>
    /// The suspected-duplicate group the profile is in (a resume's: the api's groups, by the smallest member id);
    /// null: alone. What <see cref="SearchQuery.CollapseDuplicates"/> folds by.
    /// </summary>
    public Guid? DuplicateGroup { get; init; }

    /// <summary>
    /// Where a resume identifies its person (opaque to the index: stored, never searched; offsets and kinds, no words),
    /// so that an anonymised hit is redacted without looking for the identity again. Null for a job, or when not known.
    /// </summary>
    public string? Identity { get; init; }

    /// <summary>
    /// Replace the indexed document of this key, never add one: for a change to a document read from the index (its
    /// duplicate group), which a delete may have overtaken between the read and the write. Without it such a write
    /// would bring an erased resume back. The embedded engine checks it under its write lock; Elasticsearch's
    /// external versions refuse the write for as long as the delete's tombstone lives (<c>index.gc_deletes</c>, 60 s).
    /// </summary>
    public bool ReplaceOnly { get; init; }
}

/// <summary>
/// The order of a search's hits. Every order other than <see cref="Relevance"/> is total: ties are broken by
/// the document id, newest first (ids are UUIDv7, their order the order of submission), so pages of one
/// query never overlap while nothing is written.
/// </summary>
public enum SearchSort
{
    /// <summary>By score (BM25, or reciprocal rank fusion with a vector).</summary>
    Relevance,

    /// <summary>Most recently submitted first.</summary>
    Newest,

    /// <summary>Most years of experience first; profiles without years last.</summary>
    Experience,
}

/// <summary>Which facet counts a search should return.</summary>
[Flags]
public enum SearchFacets
{
    None = 0,
    Skills = 1,
    Seniority = 2,
    Location = 4,
    All = Skills | Seniority | Location,
}

/// <summary>
/// A query within one tenant and one kind of document. <see cref="Text"/> ranks by BM25,
/// <see cref="Vector"/> by kNN; with both the two lists are fused by reciprocal rank fusion.
/// Every other member is a filter (no effect on the score) except <see cref="NiceToHaveSkills"/>, which boosts.
/// </summary>
public sealed record SearchQuery(DocumentKind Kind, string Text, int Limit = SearchQuery.DefaultLimit)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>How deep pagination may go: offset + limit never exceeds this (deeper pages: narrow the query).</summary>
    public const int MaxWindow = 1000;

    /// <summary>
    /// A boolean query (<see cref="QueryLanguage.QueryParser"/>) with skill names already resolved to ids and
    /// places normalised. When set it replaces <see cref="Text"/> as the lexical query (it must match, and
    /// ranks by BM25) and also filters the kNN list; <see cref="Text"/> then holds its positive words (for
    /// snippets and for embedding). Null: <see cref="Text"/> is plain words, any of which may match.
    /// </summary>
    public QueryLanguage.QueryNode? Boolean { get; init; }

    /// <summary>Query embedding (same model and dimensions as the indexed vectors).</summary>
    public float[]? Vector { get; init; }

    /// <summary>Every one is required; a profile has a skill when it has it or one of its descendants.</summary>
    public IReadOnlyList<string> MustHaveSkills { get; init; } = [];

    /// <summary>Each one a profile has (or a descendant of it) raises its score; none is required.</summary>
    public IReadOnlyList<string> NiceToHaveSkills { get; init; } = [];

    public double? YearsMin { get; init; }

    public double? YearsMax { get; init; }

    public string? Location { get; init; }

    public WorkMode? Remote { get; init; }

    public string? Seniority { get; init; }

    public string? Language { get; init; }

    public SearchFacets Facets { get; init; }

    /// <summary>When not empty, only these documents can match (a saved search run against one new candidate).
    /// Callers bound the count: each id is a clause of the filter.</summary>
    public IReadOnlyList<Guid> OnlyIds { get; init; } = [];

    /// <summary>These documents never match (a candidate left out of the list of those similar to it).</summary>
    public IReadOnlyList<Guid> ExcludedIds { get; init; } = [];

    /// <summary>Anything but relevance needs a query without <see cref="Vector"/> (a fused list has no other order).</summary>
    public SearchSort Sort { get; init; }

    /// <summary>The <see cref="SearchResults.NextCursor"/> of the previous page of the same query and tenant.</summary>
    public string? Cursor { get; init; }

    /// <summary>
    /// One hit per suspected-duplicate group (<see cref="IndexedProfile.DuplicateGroup"/>): the best-ranked member,
    /// with the other members that match in <see cref="SearchHit.Duplicates"/>. The whole window is ranked and
    /// folded before it is paged, so a group never stands on two pages.
    /// </summary>
    public bool CollapseDuplicates { get; init; }

    /// <summary>
    /// Hits without their snippet and highlights (id, kind, title, score and duplicate group only), for a caller that
    /// reads nothing else: matching's retrieval. Marking up every retrieved document's text was most of proactive
    /// matching's CPU time per resume (issue #22). Ranking, totals and paging are the same either way.
    /// </summary>
    public bool WithoutText { get; init; }

    /// <exception cref="ArgumentException">A vector with a sort other than relevance.</exception>
    public void ThrowIfSortedWithVector()
    {
        if (Sort != SearchSort.Relevance && Vector is not null)
        {
            throw new ArgumentException("Only a query without a vector can be sorted by anything but relevance.", "query");
        }
    }

    /// <summary>Whether the query asks for anything that ranks (words, a vector or skills); a query that
    /// does not finds nothing rather than everything.</summary>
    public bool HasCriteria(bool textHasTerms) =>
        textHasTerms || Boolean is not null || Vector is not null || MustHaveSkills.Count > 0 || NiceToHaveSkills.Count > 0;
}

/// <summary>One result. <see cref="Highlights"/> are fragments of the text with matching words in
/// <c>&lt;em&gt;…&lt;/em&gt;</c> (the rest HTML-encoded); empty for hits found only by kNN.</summary>
public sealed record SearchHit(Guid Id, DocumentKind Kind, string? Title, double Score, string Snippet)
{
    public IReadOnlyList<string> Highlights { get; init; } = [];

    /// <summary>The hit's suspected-duplicate group (<see cref="IndexedProfile.DuplicateGroup"/>); null: alone.</summary>
    public Guid? DuplicateGroup { get; init; }

    /// <summary>With <see cref="SearchQuery.CollapseDuplicates"/>: the other members of its group that the query found, best first.</summary>
    public IReadOnlyList<Guid> Duplicates { get; init; } = [];
}

public sealed record FacetValue(string Value, long Count);

/// <summary>
/// <see cref="Total"/>: documents that match (words and filters; for a vector-only query, the documents
/// that pass the filters). <see cref="NextCursor"/>: null on the last page.
/// </summary>
public sealed record SearchResults(long Total, IReadOnlyList<SearchHit> Hits)
{
    /// <summary>Facet name (<c>skills</c>, <c>seniority</c>, <c>location</c>) → the most frequent values, most frequent first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets { get; init; } =
        new Dictionary<string, IReadOnlyList<FacetValue>>();

    public string? NextCursor { get; init; }
}

/// <summary>A cursor that is malformed or belongs to another query or tenant.</summary>
public sealed class InvalidCursorException(string message) : ArgumentException(message, "cursor");

/// <summary>Settings common to every adapter.</summary>
public record SearchIndexOptions
{
    /// <summary>
    /// The broader skills of a skill id (for the taxonomy: <c>AncestorsOf(id)</c>). Each skill is indexed
    /// together with its ancestors, so a must-have "distributed-training" finds a ZeRO expert.
    /// Default: none (skills match only themselves).
    /// </summary>
    public Func<string, IEnumerable<string>> SkillAncestors { get; init; } = _ => [];

    /// <summary>How many values each facet returns.</summary>
    public int FacetSize { get; init; } = 10;
}

/// <summary>
/// The search port. The tenant is a required argument of every operation, never an option:
/// an adapter must make it impossible to see or change another tenant's documents.
/// Adapters: embedded Lucene.Net + USearch (<see cref="Lucene.LuceneSearchIndex"/>) and
/// Elasticsearch (<see cref="Elasticsearch.ElasticsearchSearchIndex"/>); one contract test suite runs against both.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Adds or replaces a profile, unless a higher <see cref="IndexedProfile.Revision"/> of it is indexed; durable when the task completes.</summary>
    Task IndexAsync(string tenantId, IndexedProfile profile, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces many profiles of one tenant; durable when the task completes. The bulk path
    /// (one commit, or bulk requests with retries and back-pressure).</summary>
    Task IndexManyAsync(string tenantId, IReadOnlyCollection<IndexedProfile> profiles, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string tenantId, DocumentKind kind, Guid id, CancellationToken cancellationToken = default);

    Task<IndexedProfile?> GetAsync(string tenantId, DocumentKind kind, Guid id, CancellationToken cancellationToken = default);

    /// <exception cref="InvalidCursorException">The cursor is not one this index issued for this query and tenant.</exception>
    /// <exception cref="ArgumentException">The vector's dimensions differ from the indexed ones, or a vector comes with a sort other than relevance.</exception>
    Task<SearchResults> SearchAsync(string tenantId, SearchQuery query, CancellationToken cancellationToken = default);
}
