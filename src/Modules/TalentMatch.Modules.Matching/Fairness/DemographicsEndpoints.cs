using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Contracts;
using TalentMatch.Modules.Matching.Persistence;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Matching.Fairness;

/// <summary>
/// A candidate's self-identified categories for bias audits: attached, read and removed with scope
/// <c>demographics</c> only. Never read by matching; erased with the candidate (<see cref="ProfileStoreConsumer"/>).
/// </summary>
internal sealed class DemographicsEndpoints : IEndpointContributor
{
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/candidates/{id:guid}/demographics").WithTags("Audit").ProducesAccessProblems()
            .RequireScope(Scopes.Demographics);
        group.MapPut("", Put).WithName("PutCandidateDemographics")
            .WithSummary("Attach a candidate's voluntarily self-identified sex and race/ethnicity, for bias audits only (never scored)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("", Get).WithName("GetCandidateDemographics")
            .WithSummary("A candidate's self-identified categories")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("", Delete).WithName("DeleteCandidateDemographics")
            .WithSummary("Remove a candidate's self-identified categories (a candidate withdrawing them)")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<DemographicsView>, ProblemHttpResult>> Put(
        Guid id, DemographicsInput input, Tenant tenant, MatchingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!Demographics.TryLabel(input.Sex, "sex", out var sex, out var error)
            || !Demographics.TryLabel(input.RaceEthnicity, "raceEthnicity", out var race, out error))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: "urn:talentmatch:problem:invalid-demographics",
                title: "Invalid demographics", detail: error);
        }

        // Only a candidate matching knows: another tenant's id, or one erased, is not found (and gains no row).
        if (!await db.Profiles.AnyAsync(p => p.TenantId == tenant.Id && p.Kind == DocumentKind.Resume && p.Id == id, cancellationToken))
        {
            return NotFound(id, "that has been processed for matching (it may still be in the pipeline)");
        }

        var row = await db.Demographics.SingleOrDefaultAsync(d => d.TenantId == tenant.Id && d.CandidateId == id, cancellationToken);
        if (row is null)
        {
            row = new CandidateDemographics { TenantId = tenant.Id, CandidateId = id };
            db.Demographics.Add(row);
        }

        (row.Sex, row.RaceEthnicity, row.UpdatedAt) = (sex, race, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(View(row));
    }

    private static async Task<Results<Ok<DemographicsView>, ProblemHttpResult>> Get(Guid id, Tenant tenant, MatchingDbContext db, CancellationToken cancellationToken) =>
        await db.Demographics.AsNoTracking().SingleOrDefaultAsync(d => d.TenantId == tenant.Id && d.CandidateId == id, cancellationToken) is { } row
            ? TypedResults.Ok(View(row))
            : NotFound(id, "with demographics attached");

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, Tenant tenant, MatchingDbContext db, CancellationToken cancellationToken) =>
        await db.Demographics.Where(d => d.TenantId == tenant.Id && d.CandidateId == id).ExecuteDeleteAsync(cancellationToken) > 0
            ? TypedResults.NoContent()
            : NotFound(id, "with demographics attached");

    private static DemographicsView View(CandidateDemographics row) => new(row.CandidateId, row.Sex, row.RaceEthnicity, row.UpdatedAt);

    private static ProblemHttpResult NotFound(Guid id, string which) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: "urn:talentmatch:problem:not-found", title: "Not found",
            detail: $"No candidate with id {id} {which}.");
}
