using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Contracts;
using TalentMatch.Core.SearchIndex;
using TalentMatch.Platform.Persistence.Search;

namespace TalentMatch.Modules.Matching.SavedSearches;

/// <summary>
/// A recruiter's candidate search kept under a name: the words or boolean query and the filters that
/// <c>GET /v1/search/candidates</c> takes, stored as given and read again by the same code
/// (<see cref="SearchRequests.Parse"/>) whenever it is run, so that it means what the same search over HTTP means.
/// </summary>
public sealed class SavedSearch
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    /// <summary>The API key that saved it (any key of the tenant with the search scope sees and deletes it).</summary>
    public Guid? OwnerKeyId { get; set; }

    public required string Name { get; set; }

    /// <summary>JSON of <see cref="SavedSearchDefinition"/>.</summary>
    public required string Definition { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public SavedSearchDefinition ReadDefinition() =>
        JsonSerializer.Deserialize<SavedSearchDefinition>(Definition, JsonSerializerOptions.Web)
        ?? throw new InvalidOperationException($"Saved search {Id} has no definition.");
}

/// <summary>
/// A candidate that matched a saved search when it was indexed: announced once (a <c>search.matched</c> webhook),
/// never again for the same pair. Names a candidate: erased with it.
/// </summary>
public sealed class SavedSearchAlert
{
    public required string TenantId { get; set; }

    public Guid SavedSearchId { get; set; }

    public Guid CandidateId { get; set; }

    public DateTimeOffset MatchedAt { get; set; }

    /// <summary><see cref="MatchedAt"/> in Unix milliseconds: what the tenant's alert feed orders and filters by (SQLite
    /// can neither order nor compare a <see cref="DateTimeOffset"/>).</summary>
    public long MatchedAtMs { get; set; }
}

/// <summary>What a saved search searches for: the query and filters of the candidate search (docs/api.md), by the same names.</summary>
public sealed record SavedSearchDefinition(
    string? Q = null,
    IReadOnlyList<string>? Skills = null,
    IReadOnlyList<string>? Nice = null,
    double? YearsMin = null,
    double? YearsMax = null,
    string? Location = null,
    string? Remote = null,
    string? Seniority = null,
    string? Language = null)
{
    /// <summary>The search port's query, read as the search endpoint reads it; null with the problem when it is not valid.</summary>
    public SearchQuery? ToQuery(out ProblemHttpResult? problem) =>
        SearchRequests.Parse(DocumentKind.Resume, new SearchRequest(
            Q, Limit: null, Skills is null ? null : [.. Skills], Nice is null ? null : [.. Nice],
            Years(YearsMin), Years(YearsMax), Location, Remote, Seniority, Language,
            Facets: null, Cursor: null, Mode: null, Sort: null), out problem);

    private static string? Years(double? years) => years?.ToString("R", CultureInfo.InvariantCulture);
}

internal static class SavedSearchModel
{
    public const int MaxNameLength = 100;

    public static void Configure(ModelBuilder modelBuilder)
    {
        var search = modelBuilder.Entity<SavedSearch>().ToTable("MatchSavedSearches");
        search.HasKey(s => s.Id);
        search.Property(s => s.TenantId).HasMaxLength(64);
        search.Property(s => s.Name).HasMaxLength(MaxNameLength);
        search.Property(s => s.Definition).IsRequired();
        search.HasIndex(s => new { s.TenantId, s.Id });

        var alert = modelBuilder.Entity<SavedSearchAlert>().ToTable("MatchSavedSearchAlerts");
        alert.HasKey(a => new { a.SavedSearchId, a.CandidateId });
        alert.Property(a => a.TenantId).HasMaxLength(64);
        alert.HasIndex(a => new { a.TenantId, a.CandidateId });
        alert.HasIndex(a => new { a.TenantId, a.MatchedAtMs });
    }
}
