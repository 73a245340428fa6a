using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Modules.Matching.Persistence;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Matching.SavedSearches;

/// <summary>A search to keep: a name, and the query and filters of <c>GET /v1/search/candidates</c> by the same names.</summary>
public sealed record CreateSavedSearchRequest(string? Name = null, SavedSearchDefinition? Search = null);

public sealed record SavedSearchResponse(Guid Id, string Name, SavedSearchDefinition Search, Guid? OwnerKeyId, DateTimeOffset CreatedAt);

public sealed record SavedSearchAlertResponse(Guid CandidateId, DateTimeOffset MatchedAt);

/// <summary>A saved search with the candidates it alerted about most recently, newest first.</summary>
public sealed record SavedSearchDetails(
    Guid Id, string Name, SavedSearchDefinition Search, Guid? OwnerKeyId, DateTimeOffset CreatedAt, IReadOnlyList<SavedSearchAlertResponse> RecentAlerts);

/// <summary>A page of saved searches, newest first; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record SavedSearchPage(IReadOnlyList<SavedSearchResponse> Items, string? NextCursor);

/// <summary>
/// <c>/v1/saved-searches</c>: a tenant's saved candidate searches. Each is run against every candidate indexed from then
/// on (<see cref="SavedSearchAlertConsumer"/>), and a match is announced as a <c>search.matched</c> webhook event.
/// Every query filters on the tenant: another tenant's saved search is a 404.
/// </summary>
internal sealed class SavedSearchEndpoints : IEndpointContributor
{
    /// <summary>Each saved search is run against every new candidate of its tenant: this bounds that work per candidate.</summary>
    public const int MaxPerTenant = 100;
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const int RecentAlerts = 20;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/saved-searches").WithTags("Search").RequireScope(Scopes.Search).ProducesAccessProblems();
        group.MapPost("/", Create).WithName("CreateSavedSearch")
            .WithSummary("Save a candidate search; candidates indexed from now on that match it raise search.matched")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", List).WithName("ListSavedSearches").WithSummary("The tenant's saved searches, newest first, a page at a time")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/alerts", SavedSearchAlertFeed.ListAsync).WithName("ListSavedSearchAlerts")
            .WithSummary("The tenant's latest alerts across its saved searches, newest first (after 'since' when given), a page at a time")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:guid}", Get).WithName("GetSavedSearch").WithSummary("A saved search and the candidates it alerted about most recently")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteSavedSearch").WithSummary("Delete a saved search and its alerts; no more alerts")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<SavedSearchResponse>, ProblemHttpResult>> Create(
        CreateSavedSearchRequest request, Tenant tenant, ClaimsPrincipal user, MatchingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > SavedSearchModel.MaxNameLength)
        {
            return Problem(StatusCodes.Status400BadRequest, "invalid-name", $"'name' is required, at most {SavedSearchModel.MaxNameLength} characters.");
        }

        var definition = request.Search ?? new SavedSearchDefinition();
        if (definition.ToQuery(out var problem) is null)
        {
            return problem!;
        }

        if (await db.SavedSearches.CountAsync(s => s.TenantId == tenant.Id, cancellationToken) >= MaxPerTenant)
        {
            return Problem(StatusCodes.Status409Conflict, "too-many-saved-searches", $"A tenant has at most {MaxPerTenant} saved searches: delete one first.");
        }

        var now = clock.GetUtcNow();
        var saved = new SavedSearch
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenant.Id,
            OwnerKeyId = Guid.TryParse(user.FindFirstValue(TalentMatchClaims.KeyId), out var key) ? key : null,
            Name = name,
            Definition = JsonSerializer.Serialize(definition, JsonSerializerOptions.Web),
            CreatedAt = now,
        };
        db.SavedSearches.Add(saved);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/v1/saved-searches/{saved.Id}", View(saved));
    }

    private static async Task<Results<Ok<SavedSearchPage>, ProblemHttpResult>> List(
        Tenant tenant, MatchingDbContext db, CancellationToken cancellationToken, int limit = DefaultLimit, string? cursor = null)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Problem(StatusCodes.Status400BadRequest, "invalid-limit", $"'limit' must be between 1 and {MaxLimit}.");
        }

        // The cursor is the last id of the previous page.
        Guid? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!Guid.TryParse(cursor, out var last))
            {
                return Problem(StatusCodes.Status400BadRequest, "invalid-cursor", "The cursor is malformed. Start again without 'cursor'.");
            }

            after = last;
        }

        // A tenant has at most MaxPerTenant: read them all and page here, in the order of saving (ids are UUIDv7, which
        // Guid compares by time; SQL Server would not order them so).
        var rows = (await db.SavedSearches.AsNoTracking().Where(s => s.TenantId == tenant.Id).ToListAsync(cancellationToken))
            .Where(s => after is null || s.Id.CompareTo(after.Value) < 0)
            .OrderByDescending(s => s.Id)
            .Take(limit + 1)
            .ToList();
        var page = rows.Take(limit).ToList();
        return TypedResults.Ok(new SavedSearchPage([.. page.Select(View)], rows.Count > limit ? page[^1].Id.ToString() : null));
    }

    private static async Task<Results<Ok<SavedSearchDetails>, ProblemHttpResult>> Get(
        Guid id, Tenant tenant, MatchingDbContext db, CancellationToken cancellationToken)
    {
        var saved = await db.SavedSearches.AsNoTracking().SingleOrDefaultAsync(s => s.TenantId == tenant.Id && s.Id == id, cancellationToken);
        if (saved is null)
        {
            return NotFound(id);
        }

        var alerts = await db.SavedSearchAlerts.AsNoTracking()
            .Where(a => a.TenantId == tenant.Id && a.SavedSearchId == id)
            .ToListAsync(cancellationToken);
        // Sorted here: SQLite cannot order by a DateTimeOffset, and a saved search's alerts are few enough to read.
        var recent = alerts.OrderByDescending(a => a.MatchedAt).ThenByDescending(a => a.CandidateId).Take(RecentAlerts)
            .Select(a => new SavedSearchAlertResponse(a.CandidateId, a.MatchedAt)).ToList();
        var view = View(saved);
        return TypedResults.Ok(new SavedSearchDetails(view.Id, view.Name, view.Search, view.OwnerKeyId, view.CreatedAt, recent));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, Tenant tenant, MatchingDbContext db, CancellationToken cancellationToken)
    {
        await db.SavedSearchAlerts.Where(a => a.TenantId == tenant.Id && a.SavedSearchId == id).ExecuteDeleteAsync(cancellationToken);
        return await db.SavedSearches.Where(s => s.TenantId == tenant.Id && s.Id == id).ExecuteDeleteAsync(cancellationToken) > 0
            ? TypedResults.NoContent()
            : NotFound(id);
    }

    private static SavedSearchResponse View(SavedSearch saved) =>
        new(saved.Id, saved.Name, saved.ReadDefinition(), saved.OwnerKeyId, saved.CreatedAt);

    private static ProblemHttpResult NotFound(Guid id) =>
        Problem(StatusCodes.Status404NotFound, "not-found", $"No saved search with id {id}.");

    private static ProblemHttpResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(statusCode: status, type: $"urn:talentmatch:problem:{code}",
            title: status == StatusCodes.Status404NotFound ? "Not found" : "Invalid saved search", detail: detail);
}
