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
    /// The <paramref name="skills"/>, those the fewest of the tenant's jobs (open or closed) ask for first, by the
    /// tallies' counts of all jobs: a skill no job asks for comes first (its jobs, none, are read at once).
    /// </summary>
    public static async Task<List<string>> RarestFirstAsync(InsightsDbContext db, string tenantId, IReadOnlyList<string> skills, CancellationToken cancellationToken)
    {
        var counts = (await InsightTallies.ReadAsync(InsightTallies.Viewed(db, tenantId, allJobs: true).Where(t => t.Kind == TallyKind.Skill && skills.Contains(t.Key)), allJobs: true, cancellationToken))
            .ToDictionary(t => t.Key, t => t.Count, StringComparer.Ordinal);
        return [.. skills.OrderBy(s => counts.GetValueOrDefault(s)).ThenBy(s => s, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The ids of the tenant's jobs asking for every one of <paramref name="skills"/> (rarest first), as a subquery
    /// answered from this index alone: the range of the first skill's rows, each id looked up in the others' ranges. So
    /// only the jobs of the profile leave it, and no job's skills columns are read or matched as text.
    /// </summary>
    public static IQueryable<Guid> JobsAskingAll(InsightsDbContext db, string tenantId, IReadOnlyList<string> skills)
    {
        var ids = db.JobSkills.Where(s => s.TenantId == tenantId && s.Skill == skills[0]).Select(s => s.JobId);
        foreach (var skill in skills.Skip(1))
        {
            ids = ids.Where(id => db.JobSkills.Any(s => s.TenantId == tenantId && s.Skill == skill && s.JobId == id));
        }

        return ids;
    }
}
