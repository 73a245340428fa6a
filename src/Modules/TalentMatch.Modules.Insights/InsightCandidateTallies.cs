using Microsoft.EntityFrameworkCore;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Modules.Insights.Persistence;

namespace TalentMatch.Modules.Insights;

/// <summary>
/// The candidates' side of <c>GET /v1/insights/supply</c> as running counts (ADR 0013, "The candidates' side"): all
/// candidates, and per skill its holders and their years (<see cref="MarketSupply.TalliesOf"/>), in the tallies' view
/// "" (as open). Kept by the facts consumer in the transaction that stores or removes a candidate's facts, under the
/// tenant's lock, so that an erased candidate leaves every count in the commit that deletes their facts.
/// </summary>
internal static class InsightCandidateTallies
{
    /// <summary>What <paramref name="changes"/> (candidates added with <c>+1</c>, taken away with <c>-1</c>) add to each count.</summary>
    public static List<(string Scope, bool Open, (TallyKind Kind, string Key, string Other, int Bucket) Slot, long Count, long Cents)> Deltas(IEnumerable<(MarketCandidate Candidate, int Sign)> changes) =>
        [.. changes.SelectMany(c => MarketSupply.TalliesOf(c.Candidate).Select(t => (t.Slot, Count: c.Sign * t.Count)))
            .GroupBy(t => t.Slot)
            .Select(g => (Slot: g.Key, Count: g.Sum(t => t.Count)))
            .Where(t => t.Count != 0)
            .Select(t => ("", true, t.Slot, t.Count, 0L))];

    /// <summary>Adds and takes away candidates' counts; the caller holds the tenant's lock (<see cref="InsightTallies.LockAsync"/>) and saves.</summary>
    public static Task ApplyAsync(InsightsDbContext db, string tenantId, IReadOnlyList<(MarketCandidate Candidate, int Sign)> changes, CancellationToken cancellationToken) =>
        InsightTallies.SaveAsync(db, tenantId, Deltas(changes), detailsFrom: int.MaxValue, cancellationToken);

    /// <summary>
    /// All of the tenant's candidates and the holders of the <paramref name="skills"/> given: one index range per kind,
    /// rows growing with the skills and the distinct years stated, not with the candidates.
    /// </summary>
    public static async Task<(int Total, Func<string, SkillHolders> Holders)> ReadAsync(InsightsDbContext db, string tenantId, IReadOnlyList<string> skills, CancellationToken cancellationToken)
    {
        List<string> keys = [.. skills, ""];
        var rows = await InsightTallies.ReadAsync(
            InsightTallies.Viewed(db, tenantId, allJobs: false)
                .Where(t => (t.Kind == TallyKind.Candidates || t.Kind == TallyKind.CandidateYears) && keys.Contains(t.Key)),
            allJobs: false,
            cancellationToken);
        return ((int)rows.Where(r => r.Kind == TallyKind.Candidates && r.Key == "").Sum(r => r.Count), MarketSupply.Holders(rows));
    }
}
