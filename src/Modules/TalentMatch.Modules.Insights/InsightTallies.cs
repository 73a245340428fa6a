using Microsoft.EntityFrameworkCore;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Core.Skills;
using TalentMatch.Modules.Insights.Persistence;

namespace TalentMatch.Modules.Insights;

/// <summary>
/// A tenant's running tallies (ADR 0013): written in the facts consumer's transaction (a job's old contribution taken
/// away and its new one added in the same commit as the facts and the processed-message key, so a redelivery or an
/// older revision changes nothing), read by <c>GET /v1/insights/skills</c> when no filter needs the facts themselves.
/// </summary>
internal static class InsightTallies
{
    /// <summary>
    /// Takes the tenant's tallies for the caller's transaction: the row lock is held until it commits, so two
    /// consumers never read and write the same count at once. The first time, builds them from the facts already kept
    /// (a tenant's jobs from before tallies existed); two first times at once collide on the tenant's key, and the
    /// loser's message is retried.
    /// </summary>
    public static async Task LockAsync(InsightsDbContext db, string tenantId, CancellationToken cancellationToken)
    {
        var locked = await db.Tenants.Where(t => t.TenantId == tenantId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Version, t => t.Version + 1), cancellationToken);
        if (locked > 0)
        {
            return;
        }

        db.Tenants.Add(new InsightTenant { TenantId = tenantId, Version = 1 });
        var jobs = await db.Jobs.AsNoTracking().Where(j => j.TenantId == tenantId).ToListAsync(cancellationToken);
        await ApplyAsync(db, tenantId, [.. jobs.Select(j => (j.ToMarketJob(), +1))], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Adds (<c>+1</c>) and takes away (<c>-1</c>) jobs' contributions, on the counts of open or closed jobs as each
    /// job is. All of one change in one call: counts it creates are not in the database until saved.
    /// </summary>
    public static async Task ApplyAsync(InsightsDbContext db, string tenantId, IReadOnlyList<(MarketJob Job, int Sign)> changes, CancellationToken cancellationToken)
    {
        var deltas = changes
            .SelectMany(c => MarketTally.Of(c.Job).Select(t => (c.Job.Open, t.Slot, Count: c.Sign * t.Count, Cents: c.Sign * t.SumCents)))
            .GroupBy(d => (d.Open, d.Slot))
            .Select(g => (g.Key.Open, g.Key.Slot, Count: g.Sum(d => d.Count), Cents: g.Sum(d => d.Cents)))
            .Where(d => d.Count != 0 || d.Cents != 0)
            .ToList();
        if (deltas.Count == 0)
        {
            return;
        }

        // Each list is small (a job's skills, months, buckets); their cross product holds few slots beyond the ones wanted.
        var opens = deltas.Select(d => d.Open).Distinct().ToList();
        var kinds = deltas.Select(d => d.Slot.Kind).Distinct().ToList();
        var keys = deltas.Select(d => d.Slot.Key).Distinct().ToList();
        var others = deltas.Select(d => d.Slot.Other).Distinct().ToList();
        var buckets = deltas.Select(d => d.Slot.Bucket).Distinct().ToList();
        var existing = await db.Tallies
            .Where(t => t.TenantId == tenantId && opens.Contains(t.Open) && kinds.Contains(t.Kind) && keys.Contains(t.Key) && others.Contains(t.Other) && buckets.Contains(t.Bucket))
            .ToDictionaryAsync(t => (t.Open, (t.Kind, t.Key, t.Other, t.Bucket)), cancellationToken);
        foreach (var (open, slot, count, cents) in deltas)
        {
            if (!existing.TryGetValue((open, slot), out var row))
            {
                db.Tallies.Add(new InsightTally { TenantId = tenantId, Open = open, Kind = slot.Kind, Key = slot.Key, Other = slot.Other, Bucket = slot.Bucket, Count = count, SumCents = cents });
                continue;
            }

            row.Count += count;
            row.SumCents += cents;
            if (row.Count == 0 && row.SumCents == 0)
            {
                // Nothing counted any more: gone, so reads and the table stay proportional to what is counted.
                db.Tallies.Remove(row);
            }
        }
    }

    /// <summary>
    /// The skills report of a tenant's open (or all) jobs from the tallies: the counts of every skill to rank them,
    /// then the rest for the skills listed only. Rows read grow with the skills listed, not with the jobs.
    /// </summary>
    public static async Task<MarketReport> SummariseAsync(InsightsDbContext db, string tenantId, bool openOnly, Func<string, bool> include, int maxSkills, CancellationToken cancellationToken)
    {
        var tallies = db.Tallies.AsNoTracking().Where(t => t.TenantId == tenantId);
        if (openOnly)
        {
            tallies = tallies.Where(t => t.Open);
        }

        var ranking = await Read(tallies.Where(t => t.Kind == TallyKind.Jobs || t.Kind == TallyKind.PayJobs || t.Kind == TallyKind.Skill), cancellationToken);
        var listed = MarketTally.Listed(ranking, include, maxSkills);
        var main = ranking.Where(t => t.Kind == TallyKind.PayJobs && t.Count > 0)
            .OrderByDescending(t => t.Count).ThenBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key).FirstOrDefault();
        var details = await Read(
            tallies.Where(t => (listed.Contains(t.Key) && (t.Kind == TallyKind.Required || t.Kind == TallyKind.Month || t.Kind == TallyKind.Pair
                    || ((t.Kind == TallyKind.Monthly || t.Kind == TallyKind.Annual) && t.Other == main)))
                || (t.Key == "" && (t.Kind == TallyKind.Monthly || t.Kind == TallyKind.Annual))),
            cancellationToken);
        return MarketTally.Summarise([.. ranking, .. details], listed, SkillExtractor.Default.Taxonomy, trend: true);
    }

    /// <summary>Summed over open and closed (one row each at most); pairs below the lift threshold are never needed.</summary>
    private static async Task<List<Tally>> Read(IQueryable<InsightTally> tallies, CancellationToken cancellationToken) =>
        [.. (await tallies
            .GroupBy(t => new { t.Kind, t.Key, t.Other, t.Bucket })
            .Select(g => new { g.Key.Kind, g.Key.Key, g.Key.Other, g.Key.Bucket, Count = g.Sum(t => t.Count), SumCents = g.Sum(t => t.SumCents) })
            .Where(t => t.Count > 0 && (t.Kind != TallyKind.Pair || t.Count >= MarketInsights.MinimumJobsTogether))
            .ToListAsync(cancellationToken))
            .Select(t => new Tally(t.Kind, t.Key, t.Other, t.Bucket, t.Count, t.SumCents))];
}
