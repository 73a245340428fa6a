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
    /// loser's message is retried. True when it built them.
    /// </summary>
    public static async Task<bool> LockAsync(InsightsDbContext db, string tenantId, int detailsFrom, CancellationToken cancellationToken)
    {
        var locked = await db.Tenants.Where(t => t.TenantId == tenantId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Version, t => t.Version + 1), cancellationToken);
        if (locked > 0)
        {
            return false;
        }

        db.Tenants.Add(new InsightTenant { TenantId = tenantId, Version = 1 });
        var jobs = await db.Jobs.AsNoTracking().Where(j => j.TenantId == tenantId).Select(j => j.ToMarketJob()).ToListAsync(cancellationToken);
        var candidates = await db.Candidates.AsNoTracking().Where(c => c.TenantId == tenantId).Select(c => c.ToMarketCandidate()).ToListAsync(cancellationToken);
        // Partner shortlists come later, each the first time a change touches its skill; until then reports read its pairs.
        await SaveAsync(db, tenantId, Built(jobs, candidates, detailsFrom), detailsFrom, cancellationToken);
        await InsightJobSkillIndex.BuildAsync(db, tenantId, jobs, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Adds (<c>+1</c>) and takes away (<c>-1</c>) jobs' contributions, on the counts of open or closed jobs as each
    /// job is, saves them with whatever else the caller changed, then keeps the partner shortlists
    /// (<see cref="InsightShortlists"/>) from the saved counts, and the jobs' skill index (<see cref="InsightJobSkillIndex"/>). All of one change in one call.
    /// The caller's tracked entities (its facts row, the processed-message key) are saved with the counts and no longer
    /// tracked afterwards: change them again only after reading them again.
    /// </summary>
    public static async Task ApplyAsync(InsightsDbContext db, string tenantId, IReadOnlyList<(MarketJob Job, int Sign)> changes, int detailsFrom, CancellationToken cancellationToken)
    {
        var scopes = changes.SelectMany(c => MarketTally.Scopes(c.Job)).Where(s => s.Length > 0).Distinct().ToList();
        var kept = await InsightViewDetails.KeptAsync(db, tenantId, scopes, [.. changes.SelectMany(c => c.Job.Skills).Distinct()], cancellationToken);
        var reached = await SaveAsync(db, tenantId, Deltas(changes, (scope, skill) => kept.Contains((scope, skill))), detailsFrom, cancellationToken);
        InsightJobSkillIndex.Apply(db, tenantId, changes);
        await SaveAndForgetAsync(db, cancellationToken);
        // The facts are saved: a view's skill that has just become common gets its details, counted from them.
        await InsightViewDetails.KeepAsync(db, tenantId, [.. reached.Where(r => !kept.Contains(r))], cancellationToken);
        await SaveAndForgetAsync(db, cancellationToken);
        await InsightShortlists.KeepAsync(db, tenantId, changes, cancellationToken);
        await SaveAndForgetAsync(db, cancellationToken);
    }

    /// <summary>
    /// Saves, then stops tracking what was saved. Each later save (and the caller's last one) would otherwise compare
    /// every row tracked so far, a job's hundreds of counts and shortlist members, while holding SQLite's one writer:
    /// measured 10–50 ms per job message for saves with nothing left to write. What a later step needs it reads again
    /// inside the same transaction (the saved values), so nothing is lost by forgetting.
    /// </summary>
    private static async Task SaveAndForgetAsync(InsightsDbContext db, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// What <paramref name="changes"/> add to each count, in every view of each job (<see cref="MarketTally.Scopes"/>):
    /// the consumer's increments. A view of one city, seniority or category counts a skill's details
    /// (<see cref="MarketTally.IsDetail"/>) only where <paramref name="keeps"/> says it keeps them (ADR 0013);
    /// <paramref name="detailsOnly"/>: those details and nothing else.
    /// </summary>
    public static List<(string Scope, bool Open, (TallyKind Kind, string Key, string Other, int Bucket) Slot, long Count, long Cents)> Deltas(
        IEnumerable<(MarketJob Job, int Sign)> changes, Func<string, string, bool> keeps, bool detailsOnly = false)
    {
        // Summed as they come: a tenant's first build passes all its jobs, and memory grows with the counts, not the jobs.
        var sums = new Dictionary<(string Scope, bool Open, (TallyKind, string, string, int) Slot), (long Count, long Cents)>();
        foreach (var (job, sign) in changes)
        {
            var scopes = MarketTally.Scopes(job).ToList();
            foreach (var tally in MarketTally.Of(job))
            {
                var detail = MarketTally.IsDetail(tally);
                foreach (var scope in scopes)
                {
                    var scopedDetail = detail && scope.Length > 0;
                    if (scopedDetail ? !keeps(scope, tally.Key) : detailsOnly)
                    {
                        continue;
                    }

                    var key = (scope, job.Open, tally.Slot);
                    var (count, cents) = sums.GetValueOrDefault(key);
                    sums[key] = (count + (sign * tally.Count), cents + (sign * tally.SumCents));
                }
            }
        }

        return [.. sums.Where(p => p.Value.Count != 0 || p.Value.Cents != 0).Select(p => (p.Key.Scope, p.Key.Open, p.Key.Slot, p.Value.Count, p.Value.Cents))];
    }

    /// <summary>
    /// A tenant's whole tallies from its jobs, as the consumer would have kept them: every count but the views' details
    /// first, then the details of each view's skills asked for by <paramref name="detailsFrom"/> or more of its open or of
    /// its closed jobs, with their marks (<see cref="TallyKind.DetailsKept"/>); and the <paramref name="candidates"/>'
    /// counts (<see cref="InsightCandidateTallies"/>). The first build, and the benchmark's.
    /// </summary>
    public static List<(string Scope, bool Open, (TallyKind Kind, string Key, string Other, int Bucket) Slot, long Count, long Cents)> Built(
        IReadOnlyCollection<MarketJob> jobs, IReadOnlyCollection<MarketCandidate> candidates, int detailsFrom)
    {
        var counts = Deltas(jobs.Select(j => (j, +1)), (_, _) => false);
        var kept = counts.Where(c => c.Scope.Length > 0 && c.Slot.Kind == TallyKind.Skill && c.Count >= detailsFrom).Select(c => (c.Scope, c.Slot.Key)).ToHashSet();
        return
        [
            .. counts,
            .. Deltas(jobs.Select(j => (j, +1)), (scope, skill) => kept.Contains((scope, skill)), detailsOnly: true),
            .. kept.Select(k => InsightViewDetails.Mark(k.Scope, k.Key)),
            .. InsightCandidateTallies.Deltas(candidates.Select(c => (c, +1))),
        ];
    }

    /// <summary>
    /// Adds <paramref name="deltas"/> to the tenant's counts (counts it creates are not in the database until saved).
    /// Returns the views' skills whose count of open or of closed jobs is now <paramref name="detailsFrom"/> or more.
    /// </summary>
    internal static async Task<List<(string Scope, string Skill)>> SaveAsync(
        InsightsDbContext db, string tenantId, List<(string Scope, bool Open, (TallyKind Kind, string Key, string Other, int Bucket) Slot, long Count, long Cents)> deltas,
        int detailsFrom, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0)
        {
            return [];
        }

        // Each list is small (a job's skills, months, buckets); their cross product holds few slots beyond the ones wanted.
        var scopes = deltas.Select(d => d.Scope).Distinct().ToList();
        var opens = deltas.Select(d => d.Open).Distinct().ToList();
        var kinds = deltas.Select(d => d.Slot.Kind).Distinct().ToList();
        var keys = deltas.Select(d => d.Slot.Key).Distinct().ToList();
        var others = deltas.Select(d => d.Slot.Other).Distinct().ToList();
        var buckets = deltas.Select(d => d.Slot.Bucket).Distinct().ToList();
        var existing = await db.Tallies
            .Where(t => t.TenantId == tenantId && scopes.Contains(t.Scope) && opens.Contains(t.Open) && kinds.Contains(t.Kind) && keys.Contains(t.Key) && others.Contains(t.Other) && buckets.Contains(t.Bucket))
            .ToDictionaryAsync(t => (t.Scope, t.Open, (t.Kind, t.Key, t.Other, t.Bucket)), cancellationToken);
        var reached = new HashSet<(string Scope, string Skill)>();
        foreach (var (scope, open, slot, count, cents) in deltas)
        {
            if (!existing.TryGetValue((scope, open, slot), out var row))
            {
                db.Tallies.Add(row = new InsightTally { TenantId = tenantId, Scope = scope, Open = open, Kind = slot.Kind, Key = slot.Key, Other = slot.Other, Bucket = slot.Bucket, Count = count, SumCents = cents });
            }
            else
            {
                row.Count += count;
                row.SumCents += cents;
                if (row.Count == 0 && row.SumCents == 0)
                {
                    // Nothing counted any more: gone, so reads and the table stay proportional to what is counted.
                    db.Tallies.Remove(row);
                }
            }

            if (scope.Length > 0 && slot.Kind == TallyKind.Skill && row.Count >= detailsFrom)
            {
                reached.Add((scope, slot.Key));
            }
        }

        return [.. reached];
    }

    /// <summary>
    /// The skills report of a tenant's open (or all) jobs from the tallies: the counts of every skill to rank them,
    /// then the rest for the skills listed only, their pairs through the partner shortlists. Rows read grow with the
    /// skills listed, not with the jobs.
    /// </summary>
    public static async Task<MarketReport> SummariseAsync(InsightsDbContext db, string tenantId, string scope, bool openOnly, Func<string, bool> include, int maxSkills, CancellationToken cancellationToken) =>
        (await SummariseAsync(db, tenantId, scope, openOnly, include, maxSkills, pruned: true, cancellationToken)).Report;

    /// <summary>
    /// The same, with what it read. <paramref name="pruned"/> false reads every pair of the listed skills, as before
    /// the shortlists (the benchmark's baseline): the answer is the same, the rows read are not. A <paramref name="scope"/>
    /// of one city, seniority or category reads the pairs of its listed skills whose details it keeps (through their
    /// shortlists in that view), and counts the other listed skills' details from its facts.
    /// <c>Undecided</c>: listed skills whose pairs were not read through a shortlist (all of them when not
    /// <paramref name="pruned"/>); <c>FromFacts</c>: those whose details were counted from the facts.
    /// </summary>
    internal static async Task<(MarketReport Report, int RowsRead, int Undecided, int FromFacts)> SummariseAsync(
        InsightsDbContext db, string tenantId, string scope, bool openOnly, Func<string, bool> include, int maxSkills, bool pruned, CancellationToken cancellationToken)
    {
        var tallies = Viewed(db, tenantId, !openOnly, scope);
        var ranking = await ReadAsync(tallies.Where(t => t.Kind == TallyKind.Jobs || t.Kind == TallyKind.PayJobs || t.Kind == TallyKind.Skill), !openOnly, cancellationToken);
        var listed = MarketTally.Listed(ranking, include, maxSkills);
        var main = ranking.Where(t => t.Kind == TallyKind.PayJobs && t.Count > 0)
            .OrderByDescending(t => t.Count).ThenBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key).FirstOrDefault();
        // A view of one city, seniority or category keeps the details of its common skills only: the others' come from its facts.
        var kept = scope == "" ? null : (await InsightViewDetails.KeptAsync(db, tenantId, [scope], listed, cancellationToken)).Select(k => k.Skill).ToHashSet(StringComparer.Ordinal);
        List<string> detailed = kept is null ? [.. listed] : [.. listed.Where(kept.Contains)];
        // Each query names its kinds and keys, so that it reads index ranges (TenantId, Open, Kind, Key, …), not the tenant's rows.
        List<Tally> details =
        [
            .. await ReadAsync(
                tallies.Where(t => (t.Kind == TallyKind.Required || t.Kind == TallyKind.Month || t.Kind == TallyKind.Monthly || t.Kind == TallyKind.Annual)
                    && detailed.Contains(t.Key) && (t.Kind == TallyKind.Required || t.Kind == TallyKind.Month || t.Other == main)),
                !openOnly,
                cancellationToken),
            .. await ReadAsync(tallies.Where(t => (t.Kind == TallyKind.Monthly || t.Kind == TallyKind.Annual) && t.Key == ""), !openOnly, cancellationToken),
            .. await InsightViewDetails.FromFactsAsync(db, tenantId, scope, openOnly, [.. listed.Except(detailed)], cancellationToken),
        ];
        var total = (int)ranking.Where(t => t.Kind == TallyKind.Jobs).Sum(t => t.Count);
        var asking = ranking.Where(t => t.Kind == TallyKind.Skill && t.Count > 0).ToDictionary(t => t.Key, t => (int)t.Count, StringComparer.Ordinal);
        var (pairs, undecided) = pruned
            ? await InsightShortlists.PairsForAsync(db, tenantId, scope, openOnly, detailed, total, asking, cancellationToken)
            : (await InsightShortlists.AllPairsAsync(db, tenantId, !openOnly, detailed, cancellationToken, scope), detailed.Count);
        var report = MarketTally.Summarise([.. ranking, .. details, .. pairs], listed, SkillExtractor.Default.Taxonomy, trend: true);
        var fromFacts = listed.Count - detailed.Count;
        return (report, ranking.Count + details.Count + pairs.Count, undecided + fromFacts, fromFacts);
    }

    /// <summary>
    /// A tenant's counts of open jobs, or of all jobs (<paramref name="allJobs"/>: open and closed, summed by
    /// <see cref="ReadAsync"/>), in one <paramref name="scope"/> ("" all of them): "open in (true, false)" rather than no
    /// condition, so that the key's third column still bounds the read.
    /// </summary>
    public static IQueryable<InsightTally> Viewed(InsightsDbContext db, string tenantId, bool allJobs, string scope = "")
    {
        bool[] open = allJobs ? [true, false] : [true];
        return db.Tallies.AsNoTracking().Where(t => t.TenantId == tenantId && t.Scope == scope && open.Contains(t.Open));
    }

    /// <summary>
    /// The rows of a view with a count of at least <paramref name="minimum"/>: over all jobs, open and closed summed (one
    /// row each at most); over open jobs, as they are (grouping would only cost the database a sort).
    /// </summary>
    public static async Task<List<Tally>> ReadAsync(IQueryable<InsightTally> tallies, bool allJobs, CancellationToken cancellationToken, long minimum = 1)
    {
        var rows = allJobs
            ? tallies.GroupBy(t => new { t.Kind, t.Key, t.Other, t.Bucket })
                .Select(g => new { g.Key.Kind, g.Key.Key, g.Key.Other, g.Key.Bucket, Count = g.Sum(t => t.Count), SumCents = g.Sum(t => t.SumCents) })
            : tallies.Select(t => new { t.Kind, t.Key, t.Other, t.Bucket, t.Count, t.SumCents });
        return [.. (await rows.Where(t => t.Count >= minimum).ToListAsync(cancellationToken)).Select(t => new Tally(t.Kind, t.Key, t.Other, t.Bucket, t.Count, t.SumCents))];
    }
}
