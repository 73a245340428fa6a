using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Modules.Matching.Persistence;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Matching.Audit;

/// <param name="Days">Records are emptied this many days after they were made; null keeps them until their documents are erased.</param>
public sealed record AuditRetentionPolicy(int? Days);

/// <summary>
/// <c>/v1/settings/audit-retention</c>: how long the tenant keeps its audit records; <see cref="AuditRetentionPruner"/>
/// enforces it within the hour. Scope <c>admin</c>, like the documents' retention.
/// </summary>
internal sealed class AuditRetentionEndpoints : IEndpointContributor
{
    /// <summary>Six months: the EU AI Act's floor for the logs of a high-risk system (Art. 19(1), Art. 26(6)).</summary>
    public const int MinDays = 183;

    /// <summary>A hundred years: beyond it a period means "forever", which null already says.</summary>
    public const int MaxDays = 36_500;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var retention = endpoints.MapGroup("/v1/settings/audit-retention").WithTags("Settings").RequireScope(Scopes.Admin).ProducesAccessProblems();
        retention.MapGet("/", GetAsync).WithName("GetAuditRetention").WithSummary("How long the tenant keeps its audit records");
        retention.MapPut("/", PutAsync).WithName("SetAuditRetention")
            .WithSummary("Set how long the tenant keeps its audit records (expired records are emptied within the hour; their hashes stay)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<Ok<AuditRetentionPolicy>> GetAsync(Tenant tenant, MatchingDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AuditRetentionPolicy(
            (await db.AuditRetention.AsNoTracking().SingleOrDefaultAsync(r => r.TenantId == tenant.Id, cancellationToken))?.Days));

    private static async Task<Results<Ok<AuditRetentionPolicy>, ProblemHttpResult>> PutAsync(
        AuditRetentionPolicy request, Tenant tenant, MatchingDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Days is < MinDays or > MaxDays)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: "urn:talentmatch:problem:invalid-field", title: "Invalid field",
                detail: $"'days' is a whole number of days from {MinDays} (six months, the EU AI Act's floor for these logs) to {MaxDays}, or null to keep records until their documents are erased.");
        }

        var policy = await db.AuditRetention.SingleOrDefaultAsync(r => r.TenantId == tenant.Id, cancellationToken);
        if (request.Days is not int days)
        {
            if (policy is not null)
            {
                db.AuditRetention.Remove(policy);
            }
        }
        else if (policy is null)
        {
            db.AuditRetention.Add(new AuditRetention { TenantId = tenant.Id, Days = days, UpdatedAt = clock.GetUtcNow() });
        }
        else
        {
            (policy.Days, policy.UpdatedAt) = (days, clock.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new AuditRetentionPolicy(request.Days));
    }
}
