using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Core.Documents.Duplicates;
using TalentMatch.Modules.Api.Duplicates;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Api.Endpoints;

/// <summary>What counts as a suspected duplicate in the tenant.</summary>
/// <param name="Threshold">The score (0.3–0.99) from which a pair is suggested; null in a PUT restores the default, 0.5.</param>
public sealed record DuplicateSettings(double? Threshold);

/// <summary>
/// <c>/v1/settings/duplicates</c>: the tenant's duplicate threshold. Raising it hides the pairs under
/// it at once; lowering it applies to resumes parsed from then on (pairs under the old one were never recorded).
/// </summary>
internal sealed class DuplicateSettingsEndpoints : IEndpointContributor
{
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var settings = endpoints.MapGroup("/v1/settings/duplicates").WithTags("Settings").RequireScope(Scopes.Admin).ProducesAccessProblems();
        settings.MapGet("/", GetAsync).WithName("GetDuplicateSettings").WithSummary("The tenant's duplicate threshold");
        settings.MapPut("/", PutAsync).WithName("SetDuplicateSettings")
            .WithSummary("Set the score from which candidates are suggested as duplicates").ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<Ok<DuplicateSettings>> GetAsync(Tenant tenant, ApiDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new DuplicateSettings(await DuplicateThresholds.OfAsync(db, tenant.Id, cancellationToken)));

    private static async Task<Results<Ok<DuplicateSettings>, ProblemHttpResult>> PutAsync(
        DuplicateSettings request, Tenant tenant, ApiDbContext db, CancellationToken cancellationToken)
    {
        if (request.Threshold is { } t && !(t >= DuplicateScorer.MinThreshold && t <= DuplicateScorer.MaxThreshold))
        {
            return Problems.InvalidField(
                $"'threshold' is a score from {DuplicateScorer.MinThreshold} to {DuplicateScorer.MaxThreshold}, or null for the default {DuplicateScorer.Threshold}.");
        }

        var account = await db.Tenants.SingleAsync(t => t.Id == tenant.Id, cancellationToken);
        account.DuplicateThreshold = request.Threshold is { } value ? Math.Round(value, 2) : null;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new DuplicateSettings(account.DuplicateThreshold ?? DuplicateScorer.Threshold));
    }
}
