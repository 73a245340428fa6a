using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Api.Endpoints;

/// <summary>
/// How long a tenant keeps documents. Null keeps them until deleted.
/// </summary>
/// <param name="CandidateDays">Candidates are erased this many days after submission.</param>
/// <param name="RejectedDays">Rejected resumes and job descriptions are erased this many days after submission.</param>
public sealed record RetentionPolicy(int? CandidateDays = null, int? RejectedDays = null);

/// <summary>
/// <c>/v1/settings/retention</c>: the tenant's retention periods, which the hourly retention sweep
/// (<c>RetentionSweeper</c>) enforces through the same erasure path as a delete.
/// </summary>
internal sealed class RetentionEndpoints : IEndpointContributor
{
    /// <summary>A hundred years: beyond it a period means "forever", which null already says.</summary>
    public const int MaxDays = 36_500;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var retention = endpoints.MapGroup("/v1/settings/retention").WithTags("Settings").RequireScope(Scopes.Admin).ProducesAccessProblems();
        retention.MapGet("/", GetAsync).WithName("GetRetentionPolicy").WithSummary("The tenant's retention periods");
        retention.MapPut("/", PutAsync).WithName("SetRetentionPolicy")
            .WithSummary("Set the tenant's retention periods (expired documents are erased within the hour)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<Ok<RetentionPolicy>> GetAsync(Tenant tenant, ApiDbContext db, CancellationToken cancellationToken)
    {
        var account = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenant.Id, cancellationToken);
        return TypedResults.Ok(new RetentionPolicy(account.CandidateRetentionDays, account.RejectedRetentionDays));
    }

    private static async Task<Results<Ok<RetentionPolicy>, ProblemHttpResult>> PutAsync(
        RetentionPolicy request, Tenant tenant, ApiDbContext db, CancellationToken cancellationToken)
    {
        if (request.CandidateDays is < 1 or > MaxDays || request.RejectedDays is < 1 or > MaxDays)
        {
            return Problems.InvalidField($"'candidateDays' and 'rejectedDays' are whole days from 1 to {MaxDays}, or null to keep documents until deleted.");
        }

        var account = await db.Tenants.SingleAsync(t => t.Id == tenant.Id, cancellationToken);
        account.CandidateRetentionDays = request.CandidateDays;
        account.RejectedRetentionDays = request.RejectedDays;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(request);
    }
}
