using Microsoft.EntityFrameworkCore;
using TalentMatch.Modules.Api.Persistence;

namespace TalentMatch.Modules.Api.Duplicates;

/// <summary>The submissions a merged candidate holds: the one lookup, so that reads and erasure agree on what a candidate is.</summary>
internal static class CandidateVersions
{
    /// <summary>The live candidate <paramref name="keptId"/> and every live submission merged into it, oldest first.</summary>
    public static IQueryable<Candidate> Of(ApiDbContext db, string tenantId, Guid keptId) =>
        db.Candidates.Where(c => c.TenantId == tenantId && (c.Id == keptId || c.MergedIntoId == keptId) && c.Status != PipelineStatus.Deleted)
            .OrderBy(c => c.Id); // version 7 ids: submission order (SQLite cannot order by a DateTimeOffset)
}
