using Microsoft.EntityFrameworkCore;
using TalentMatch.Core.Documents.Duplicates;
using TalentMatch.Modules.Api.Persistence;

namespace TalentMatch.Modules.Api.Duplicates;

/// <summary>
/// A tenant's duplicate threshold (<c>/v1/settings/duplicates</c>): detection records the pairs that
/// reach it, and listing leaves out recorded pairs under it, so raising it takes effect at once and
/// lowering it applies to resumes parsed from then on.
/// </summary>
internal static class DuplicateThresholds
{
    public static async Task<double> OfAsync(ApiDbContext db, string tenantId, CancellationToken cancellationToken) =>
        await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.DuplicateThreshold).SingleOrDefaultAsync(cancellationToken)
        ?? DuplicateScorer.Threshold;
}
