using Microsoft.EntityFrameworkCore;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Modules.Insights.Persistence;

namespace TalentMatch.Modules.Insights;

/// <summary>
/// The details of a skill (<see cref="MarketTally.IsDetail"/>: required count, trend, pairs, pay buckets) in a view of
/// one city, seniority or category (ADR 0013, "Details of a view's common skills"). A view keeps them for its common
/// skills only, marked with a <see cref="TallyKind.DetailsKept"/> row: from the mark on, the writer keeps them exactly
/// in the facts' transaction. A skill becomes common when <see cref="MarketTally.ScopedDetailsFrom"/> of the view's open
/// or closed jobs ask for it: its details are then counted from the view's facts (<see cref="KeepAsync"/>), once. A
/// report listing a skill without a mark counts its details from the view's facts (<see cref="FromFactsAsync"/>): the
/// same figures, read from fewer than that many jobs' worth of a skill.
/// </summary>
internal static class InsightViewDetails
{
    private static readonly TallyKind[] DetailKinds = [TallyKind.Required, TallyKind.Month, TallyKind.Pair, TallyKind.Monthly, TallyKind.Annual];

    /// <summary>
    /// Marks are kept on the open rows. Compared as a value (a parameter), never as a bare boolean column: SQLite takes
    /// <c>WHERE "Open"</c> as no index term, stops the key's range at the view and reads all of it (at 100,000 jobs, tens
    /// of milliseconds per report, growing with the view's size).
    /// </summary>
    public static bool MarkOpen { get; } = true;

    /// <summary>The mark that <paramref name="scope"/> keeps the details of <paramref name="skill"/>, as a delta of the tallies.</summary>
    public static (string Scope, bool Open, (TallyKind Kind, string Key, string Other, int Bucket) Slot, long Count, long Cents) Mark(string scope, string skill) =>
        (scope, MarkOpen, (TallyKind.DetailsKept, skill, "", 0), 1, 0);

    /// <summary>Which of <paramref name="skills"/> have their details kept in which of <paramref name="scopes"/>.</summary>
    public static async Task<HashSet<(string Scope, string Skill)>> KeptAsync(
        InsightsDbContext db, string tenantId, IReadOnlyList<string> scopes, IReadOnlyList<string> skills, CancellationToken cancellationToken)
    {
        if (scopes.Count == 0 || skills.Count == 0)
        {
            return [];
        }

        var marks = await db.Tallies.AsNoTracking()
            .Where(t => t.TenantId == tenantId && scopes.Contains(t.Scope) && t.Open == MarkOpen && t.Kind == TallyKind.DetailsKept && skills.Contains(t.Key))
            .Select(t => new { t.Scope, t.Key })
            .ToListAsync(cancellationToken);
        return [.. marks.Select(m => (m.Scope, m.Key))];
    }

    /// <summary>
    /// Starts keeping the details of each (view, skill) given: counts them from the view's saved facts (open and closed
    /// jobs asking for the skill), sets the rows to them (rows left from before the marks are corrected or removed) and
    /// marks the skill. In the writer's transaction, after the change's facts are saved, so they are counted too.
    /// </summary>
    public static async Task KeepAsync(InsightsDbContext db, string tenantId, IReadOnlyList<(string Scope, string Skill)> skills, CancellationToken cancellationToken)
    {
        foreach (var (scope, skill) in skills)
        {
            var jobs = await InsightFilter.OfScope(scope, openOnly: false).JobsAsync(db, tenantId, cancellationToken, [skill]);
            var counted = InsightTallies.Deltas(jobs.Select(j => (j, +1)), (s, k) => s == scope && k == skill, detailsOnly: true)
                .Where(d => d.Scope == scope && d.Slot.Key == skill)
                .ToDictionary(d => (d.Open, d.Slot), d => (d.Count, d.Cents));
            // Tracked: a row this change already loaded is the same instance, so it is never added twice.
            var rows = await db.Tallies
                .Where(t => t.TenantId == tenantId && t.Scope == scope && t.Key == skill && DetailKinds.Contains(t.Kind))
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                if (counted.Remove((row.Open, (row.Kind, row.Key, row.Other, row.Bucket)), out var value))
                {
                    (row.Count, row.SumCents) = value;
                }
                else
                {
                    db.Tallies.Remove(row);
                }
            }

            foreach (var ((open, slot), (count, cents)) in counted)
            {
                db.Tallies.Add(new InsightTally { TenantId = tenantId, Scope = scope, Open = open, Kind = slot.Kind, Key = slot.Key, Other = slot.Other, Bucket = slot.Bucket, Count = count, SumCents = cents });
            }

            var (_, markOpen, mark, _, _) = Mark(scope, skill);
            db.Tallies.Add(new InsightTally { TenantId = tenantId, Scope = scope, Open = markOpen, Kind = mark.Kind, Key = mark.Key, Other = mark.Other, Bucket = mark.Bucket, Count = 1 });
        }
    }

    /// <summary>
    /// The details of <paramref name="skills"/> (none kept in <paramref name="scope"/>) counted from the view's facts now,
    /// summed over open or all jobs as the report reads its tallies: one read of the view's jobs asking for them.
    /// </summary>
    public static async Task<List<Tally>> FromFactsAsync(InsightsDbContext db, string tenantId, string scope, bool openOnly, IReadOnlyList<string> skills, CancellationToken cancellationToken)
    {
        if (skills.Count == 0)
        {
            return [];
        }

        var wanted = skills.ToHashSet(StringComparer.Ordinal);
        var jobs = await InsightFilter.OfScope(scope, openOnly).JobsAsync(db, tenantId, cancellationToken);
        return [.. jobs.Where(j => j.Skills.Any(wanted.Contains))
            .SelectMany(j => MarketTally.Of(j))
            .Where(t => MarketTally.IsDetail(t) && wanted.Contains(t.Key))
            .GroupBy(t => t.Slot)
            .Select(g => new Tally(g.Key.Kind, g.Key.Key, g.Key.Other, g.Key.Bucket, g.Sum(t => t.Count), g.Sum(t => t.SumCents)))];
    }
}
