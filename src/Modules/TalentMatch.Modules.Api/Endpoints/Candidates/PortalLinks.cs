using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TalentMatch.Modules.Api.Access;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Candidates;

/// <param name="ExpiresInDays">How long the link lasts (default and upper bound: <c>TalentMatch:Api:PortalLinkDays</c>, <c>PortalLinkMaxDays</c>).</param>
public sealed record CreatePortalLinkRequest(int? ExpiresInDays = null);

public sealed record PortalLinkResponse(Guid Id, Guid CandidateId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, bool Active);

/// <summary>
/// The link appears in this response only: its token (the last segment of <paramref name="Url"/>) is
/// not stored and cannot be shown again. <paramref name="Url"/> opens the candidate portal.
/// </summary>
public sealed record CreatedPortalLinkResponse(Guid Id, Guid CandidateId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string Token, string Url);

public sealed record PortalLinkListResponse(IReadOnlyList<PortalLinkResponse> Items);

/// <summary>
/// <c>/v1/candidates/{id}/portal-links</c>: a signed, expiring link with which one candidate reads
/// their own matching roles and gap reports in the portal (docs/adr/0009-console.md, addendum).
/// Creating and revoking need <c>candidates:write</c> (the integrator that submits candidates sends
/// them the link); listing also <c>candidates:read</c>.
/// </summary>
internal static class PortalLinks
{
    /// <summary>Where the console serves the portal; the token follows.</summary>
    public const string PortalPath = "/console/portal/open/";

    /// <summary>The newest links listed per candidate (older ones are expired or revoked long ago).</summary>
    public const int MaxListed = 100;

    public static void Map(RouteGroupBuilder candidates)
    {
        candidates.MapPost("/{id:guid}/portal-links", CreateAsync).WithName("CreatePortalLink").RequireScope(Scopes.CandidatesWrite)
            .WithIdempotency(responseHoldsSecret: true)
            .WithSummary("Create a candidate portal link (its URL is returned once)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        candidates.MapGet("/{id:guid}/portal-links", ListAsync).WithName("ListPortalLinks").RequireAnyScope(Scopes.CandidatesRead, Scopes.CandidatesWrite)
            .WithSummary("List a candidate's portal links (without their tokens)").ProducesProblem(StatusCodes.Status404NotFound);
        candidates.MapDelete("/{id:guid}/portal-links/{linkId:guid}", RevokeAsync).WithName("RevokePortalLink").RequireScope(Scopes.CandidatesWrite)
            .WithSummary("Revoke a candidate portal link").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<CreatedPortalLinkResponse>, ProblemHttpResult>> CreateAsync(
        Guid id, CreatePortalLinkRequest? request, HttpRequest http, Tenant tenant, ApiDbContext db, PortalLinkStore store,
        IOptions<ApiOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var days = request?.ExpiresInDays ?? settings.PortalLinkDays;
        if (days < 1 || days > settings.PortalLinkMaxDays)
        {
            return Problems.InvalidField($"'expiresInDays' must be between 1 and {settings.PortalLinkMaxDays}.");
        }

        if (await DocumentQueries.FindLiveAsync(db.Candidates.AsNoTracking(), tenant, id, cancellationToken) is null)
        {
            return Problems.NotFound("candidate", id);
        }

        // Expiries compared here: SQLite cannot compare DateTimeOffset columns.
        var now = clock.GetUtcNow();
        var unrevoked = await db.PortalLinks.Where(l => l.TenantId == tenant.Id && l.CandidateId == id && l.RevokedAt == null)
            .Select(l => l.ExpiresAt).ToListAsync(cancellationToken);
        if (unrevoked.Count(expires => expires > now) >= settings.MaxActivePortalLinks)
        {
            return Problems.TooManyPortalLinks(settings.MaxActivePortalLinks);
        }

        var created = store.Create(db, tenant.Id, id, TimeSpan.FromDays(days));
        await db.SaveChangesAsync(cancellationToken);
        var link = created.Link;
        var origin = string.IsNullOrWhiteSpace(settings.PortalBaseUrl) ? $"{http.Scheme}://{http.Host}" : settings.PortalBaseUrl.TrimEnd('/');
        return TypedResults.Created($"/v1/candidates/{id}/portal-links/{link.Id}",
            new CreatedPortalLinkResponse(link.Id, id, link.CreatedAt, link.ExpiresAt, created.Token, origin + PortalPath + created.Token));
    }

    private static async Task<Results<Ok<PortalLinkListResponse>, ProblemHttpResult>> ListAsync(
        Guid id, Tenant tenant, ApiDbContext db, PortalLinkStore store, CancellationToken cancellationToken)
    {
        if (await DocumentQueries.FindLiveAsync(db.Candidates.AsNoTracking(), tenant, id, cancellationToken) is null)
        {
            return Problems.NotFound("candidate", id);
        }

        var links = await db.PortalLinks.AsNoTracking()
            .Where(l => l.TenantId == tenant.Id && l.CandidateId == id)
            .OrderByDescending(l => l.Id) // version-7 ids sort by creation time
            .Take(MaxListed)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PortalLinkListResponse([.. links.Select(l => ToResponse(l, store))]));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        Guid id, Guid linkId, Tenant tenant, ApiDbContext db, PortalLinkStore store, CancellationToken cancellationToken)
    {
        var link = await db.PortalLinks.SingleOrDefaultAsync(l => l.Id == linkId && l.CandidateId == id && l.TenantId == tenant.Id, cancellationToken);
        if (link is null)
        {
            return Problems.NotFound("portal link", linkId);
        }

        store.Revoke(link);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static PortalLinkResponse ToResponse(PortalLink link, PortalLinkStore store) =>
        new(link.Id, link.CandidateId, link.CreatedAt, link.ExpiresAt, link.RevokedAt, store.IsActive(link));
}
