using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Jobs;

/// <summary><c>GET /v1/jobs/{id}/erasure</c>: the erasure receipt of a deleted job.</summary>
internal static class GetJobErasure
{
    public static void Map(RouteGroupBuilder jobs) =>
        jobs.MapGet("/{id:guid}/erasure", HandleAsync).WithName("GetJobErasure").RequireScope(Scopes.JobsWrite)
            .WithSummary("Erasure receipt of a deleted job: pending until every service has confirmed")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static Task<Results<Ok<ErasureReceiptResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, Tenant tenant, ApiDbContext db, IOptions<ApiOptions> options, CancellationToken cancellationToken) =>
        ErasureReceipt.GetAsync(db.Jobs, "job", id, tenant, db, options, cancellationToken);
}
