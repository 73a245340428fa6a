using Microsoft.EntityFrameworkCore;
using TalentMatch.Contracts;
using TalentMatch.Core.Matching;
using TalentMatch.Modules.Matching.Persistence;

namespace TalentMatch.Modules.Matching;

/// <summary>
/// A gap report's market value (issue #19): per missing skill, how many more of the tenant's open roles the candidate
/// would match with it and what those roles pay. Counted from matching's own profiles (a closed or deleted job's
/// profile is gone, so every stored job is open) and the pay each job's facts carry (<see cref="ProfileFacts.Compensation"/>):
/// the insights module keeps the same facts but a module never reads another's store.
/// </summary>
internal static class GapMarketValues
{
    /// <summary>
    /// The most recently updated open roles a report counts over: each is read and scored per request, so a large
    /// tenant's figure is over its newest roles (<see cref="GapMarketValue.RolesConsidered"/> says how many).
    /// </summary>
    public const int MaxRoles = 5_000;

    public static async Task<GapReport> AddAsync(MatchingDbContext db, string tenantId, LoadedProfile candidate, GapReport report, CancellationToken cancellationToken)
    {
        if (report.Gaps.Count == 0)
        {
            return report;
        }

        // Newest first, ordered here: SQLite cannot order by a DateTimeOffset column. Keys only, then the payloads wanted.
        var jobs = db.Profiles.AsNoTracking().Where(p => p.TenantId == tenantId && p.Kind == DocumentKind.Job);
        var keys = await jobs.Select(p => new { p.Id, p.UpdatedAt }).ToListAsync(cancellationToken);
        var newest = keys.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id).Take(MaxRoles).Select(p => p.Id).ToList();
        var rows = await jobs.Where(p => newest.Contains(p.Id)).Select(p => new { p.Id, p.Payload }).ToListAsync(cancellationToken);
        var roles = rows.Select(r =>
        {
            var payload = ProfilePayload.FromJson(r.Payload);
            return (payload.ToJob(r.Id), payload.Facts?.Compensation);
        }).ToList();
        var values = GapMarket.Of(candidate.Payload.ToCandidate(candidate.Id), report.Gaps.Select(g => g.SkillId), roles);
        return report with { Gaps = [.. report.Gaps.Select(g => g with { Market = values[g.SkillId] })] };
    }
}
