using Microsoft.EntityFrameworkCore;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Modules.Insights.Persistence;

namespace TalentMatch.Modules.Insights;

/// <summary>
/// The jobs asking for each skill (<see cref="InsightJobSkill"/>), so that <c>GET /v1/insights/salaries</c> reads the
/// jobs of its profile's rarest skill instead of every job of the tenant (ADR 0013, "A profile's jobs"). Written with
/// the running tallies, in the same transaction as the facts: complete for every tenant that has tallies
/// (an <c>InsightTenants</c> row), which is when a read uses it.
/// </summary>
internal static class InsightJobSkillIndex
{
    /// <summary>
    /// Adds and removes the rows of <paramref name="changes"/> (jobs added with <c>+1</c>, taken away with <c>-1</c>),
    /// netted per row: a close takes a job away and adds it back with the same skills, which changes nothing here.
    /// </summary>
    public static void Apply(InsightsDbContext db, string tenantId, IEnumerable<(MarketJob Job, int Sign)> changes)
    {
        var net = changes.SelectMany(c => c.Job.Skills.Distinct(StringComparer.Ordinal).Select(skill => (Row: (Skill: skill, JobId: Guid.Parse(c.Job.Id)), c.Sign)))
            .GroupBy(r => r.Row)
            .Select(g => (g.Key, Sign: g.Sum(r => r.Sign)))
            .Where(r => r.Sign != 0);
        foreach (var ((skill, jobId), sign) in net)
        {
            if (sign > 0)
            {
                db.JobSkills.Add(new InsightJobSkill { TenantId = tenantId, Skill = skill, JobId = jobId });
            }
            else
            {
                // The row itself where this context tracks it (a first build just wrote it), else a stand-in with its key.
                db.JobSkills.Remove(db.JobSkills.Local.FindEntryUntyped([tenantId, skill, jobId])?.Entity ?? new InsightJobSkill { TenantId = tenantId, Skill = skill, JobId = jobId });
            }
        }
    }

    /// <summary>The tenant's rows from all its jobs (a first build): any left from before are removed first.</summary>
    public static async Task BuildAsync(InsightsDbContext db, string tenantId, IEnumerable<MarketJob> jobs, CancellationToken cancellationToken)
    {
        await db.JobSkills.Where(s => s.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken);
        Apply(db, tenantId, jobs.Select(j => (j, +1)));
    }

    /// <summary>
    /// Of the <paramref name="skills"/>, the one the fewest of the tenant's jobs (open or closed) ask for, by the
    /// tallies' counts of all jobs: a skill no job asks for comes first (its jobs, none, are read at once).
    /// </summary>
    public static async Task<string> RarestAsync(InsightsDbContext db, string tenantId, IReadOnlyList<string> skills, CancellationToken cancellationToken)
    {
        var counts = (await InsightTallies.ReadAsync(InsightTallies.Viewed(db, tenantId, allJobs: true).Where(t => t.Kind == TallyKind.Skill && skills.Contains(t.Key)), allJobs: true, cancellationToken))
            .ToDictionary(t => t.Key, t => t.Count, StringComparer.Ordinal);
        return skills.OrderBy(s => counts.GetValueOrDefault(s)).ThenBy(s => s, StringComparer.Ordinal).First();
    }

    /// <summary>The ids of the tenant's jobs asking for <paramref name="skill"/>, as a subquery (one index range).</summary>
    public static IQueryable<Guid> JobsAsking(InsightsDbContext db, string tenantId, string skill) =>
        db.JobSkills.Where(s => s.TenantId == tenantId && s.Skill == skill).Select(s => s.JobId);
}
