using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Documents;

/// <summary>One service's part of an erasure: when it confirmed, or null while it has not.</summary>
public sealed record ErasureServiceStatus(string Service, DateTimeOffset? ErasedAt);

/// <summary>
/// The erasure receipt of a deleted candidate or job. <c>status</c> is <c>pending</c> until every
/// service that holds a copy has confirmed (<c>services</c>), then <c>complete</c>, with
/// <c>completedAt</c> the last confirmation. The api service's own copy goes with the DELETE itself.
/// </summary>
public sealed record ErasureReceiptResponse(Guid Id, string Status, DateTimeOffset DeletedAt, DateTimeOffset? CompletedAt, IReadOnlyList<ErasureServiceStatus> Services);

internal static class ErasureReceipt
{
    /// <summary>The receipt of the caller's tenant's deleted document; 404 for a live one, an unknown one or another tenant's.</summary>
    public static async Task<Results<Ok<ErasureReceiptResponse>, ProblemHttpResult>> GetAsync<T>(
        IQueryable<T> documents, string what, Guid id, Tenant tenant, ApiDbContext db, IOptions<ApiOptions> options, CancellationToken cancellationToken)
        where T : TrackedDocument
    {
        var deletedAt = await documents.AsNoTracking()
            .Where(d => d.Id == id && d.TenantId == tenant.Id && d.Status == PipelineStatus.Deleted)
            .Select(d => d.DeletedAt)
            .SingleOrDefaultAsync(cancellationToken);
        if (deletedAt is null)
        {
            return Problems.NotFound($"deleted {what}", id);
        }

        var confirmations = await db.ErasureConfirmations.AsNoTracking()
            .Where(e => e.TenantId == tenant.Id && e.DocumentId == id)
            .ToDictionaryAsync(e => e.Service, e => e.ErasedAt, cancellationToken);
        var services = options.Value.ErasureServiceList
            .Select(s => new ErasureServiceStatus(s, confirmations.TryGetValue(s, out var at) ? at : null))
            .ToList();
        var complete = services.All(s => s.ErasedAt is not null);
        return TypedResults.Ok(new ErasureReceiptResponse(id, complete ? "complete" : "pending", deletedAt.Value,
            complete ? services.Max(s => s.ErasedAt) : null, services));
    }
}
