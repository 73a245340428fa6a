using Microsoft.EntityFrameworkCore;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Modules.Insights.Persistence;

namespace TalentMatch.Modules.Insights;

/// <summary>
/// Each skill's partner shortlist (<see cref="PartnerShortlist"/>; ADR 0013, "Pruned pairs"), over open jobs and over
/// all jobs, in the view of all jobs and, for the skills whose details a view keeps (marked), in each view of one city,
/// seniority or category ("Partner shortlists per view"): kept in the facts consumer's transaction once a change's
/// counts are saved, and read by the skills report instead of all of a listed skill's pairs wherever it decides the
/// lift list.
/// </summary>
internal static class InsightShortlists
{
    private static readonly bool[] Views = [false, true];

    /// <summary>
    /// After <paramref name="changes"/> (jobs added with <c>+1</c>, taken away with <c>-1</c>) are counted and saved:
    /// members follow their pairs' counts; a partner whose score may have risen above a floor (a pair the change added
    /// to, every pair of a skill whose jobs left) joins; a changed skill's shortlist is rebuilt when it has none, has
    /// grown by <see cref="PartnerShortlist.MaxAdded"/>, or no longer decides its list.
    /// </summary>
    public static async Task KeepAsync(InsightsDbContext db, string tenantId, IReadOnlyList<(MarketJob Job, int Sign)> changes, CancellationToken cancellationToken)
    {
        foreach (var (scope, allJobs) in changes.SelectMany(c => MarketTally.Scopes(c.Job)).Distinct().SelectMany(s => Views.Select(allJobs => (s, allJobs))))
        {
            // A close takes a job out of the open jobs only; "all jobs" change on a delete or a new revision.
            var deltas = changes.Where(c => (allJobs || c.Job.Open) && MarketTally.Scopes(c.Job).Contains(scope))
                .SelectMany(c => MarketTally.Of(c.Job).Where(t => t.Kind is TallyKind.Skill or TallyKind.Pair).Select(t => (t.Kind, t.Key, t.Other, Count: c.Sign * t.Count)))
                .GroupBy(d => (d.Kind, d.Key, d.Other))
                .Select(g => (g.Key.Kind, g.Key.Key, g.Key.Other, Count: g.Sum(d => d.Count)))
                .Where(d => d.Count != 0)
                .ToList();
            if (deltas.Count > 0)
            {
                await KeepAsync(db, tenantId, scope, allJobs, deltas, cancellationToken);
            }
        }
    }

    /// <summary>
    /// One view's shortlists after one change. In a view of one city, seniority or category only its marked skills have
    /// pairs, hence shortlists (<paramref name="scope"/> "" : every skill): a pair (A, B) is kept under A alone when B is
    /// not marked, so the partners whose score rose because B's jobs left are found as the rows of the marked skills with
    /// B as the other skill (one short index range per marked skill), not as B's own rows.
    /// </summary>
    private static async Task KeepAsync(InsightsDbContext db, string tenantId, string scope, bool allJobs, List<(TallyKind Kind, string Key, string Other, long Count)> deltas, CancellationToken cancellationToken)
    {
        var (total, asking) = await CountsAsync(db, tenantId, allJobs, cancellationToken, scope);
        var marked = scope == "" ? null : await MarkedAsync(db, tenantId, scope, cancellationToken);
        bool Owns(string skill) => marked is null || marked.Contains(skill);
        var touched = deltas.Select(d => d.Key).Distinct(StringComparer.Ordinal).ToList();
        var changed = touched.Where(Owns).ToList();
        var left = deltas.Where(d => d.Kind == TallyKind.Skill && d.Count < 0).Select(d => d.Key).ToList();
        var pairDeltas = deltas.Where(d => d.Kind == TallyKind.Pair && Owns(d.Key)).ToList();

        // Pairs whose score may have risen: (A, B) for B whose jobs left (B's row for A holds the same count where B has
        // pairs), and the pairs the change added to.
        var risen = marked is null
            ? (await PairsOf(db, tenantId, allJobs, left, cancellationToken)).Select(p => (Skill: p.Partner, Partner: p.Skill, p.Together)).ToList()
            : left.Count == 0 ? [] : await PairsOf(db, tenantId, allJobs, [.. marked], cancellationToken, partners: left, scope: scope);
        var added = pairDeltas.Where(d => d.Count > 0).Select(d => d.Key).Distinct(StringComparer.Ordinal).ToList();
        var together = (await PairsOf(db, tenantId, allJobs, added, cancellationToken, partners: touched, scope: scope)).ToDictionary(p => (p.Skill, p.Partner), p => p.Together);
        risen.AddRange(pairDeltas.Where(d => d.Count > 0).Select(d => (Skill: d.Key, Partner: d.Other, Together: together.GetValueOrDefault((d.Key, d.Other)))));

        var owners = risen.Select(r => r.Skill).Concat(changed).Distinct(StringComparer.Ordinal).ToList();
        var shortlists = await db.Shortlists.Where(s => s.TenantId == tenantId && s.Scope == scope && s.AllJobs == allJobs && owners.Contains(s.Skill)).ToDictionaryAsync(s => s.Skill, StringComparer.Ordinal, cancellationToken);
        // Complete for the changed skills; for others, the members that are partners of a changed skill.
        var partners = left.Concat(touched).Distinct(StringComparer.Ordinal).ToList();
        var members = (await db.ShortlistPartners
                .Where(m => m.TenantId == tenantId && m.Scope == scope && m.AllJobs == allJobs && (changed.Contains(m.Skill) || partners.Contains(m.Partner)))
                .ToListAsync(cancellationToken))
            .GroupBy(m => m.Skill, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(m => m.Partner, StringComparer.Ordinal), StringComparer.Ordinal);

        foreach (var (_, skill, partner, count) in pairDeltas)
        {
            if (members.GetValueOrDefault(skill)?.GetValueOrDefault(partner) is { } member)
            {
                member.Together += count;
            }
        }

        foreach (var (skill, partner, count) in risen)
        {
            if (shortlists.TryGetValue(skill, out var shortlist) && shortlist.Floor.IsBelow(count, asking.GetValueOrDefault(partner))
                && !(members.GetValueOrDefault(skill)?.ContainsKey(partner) ?? false))
            {
                var member = new InsightShortlistPartner { TenantId = tenantId, Scope = scope, AllJobs = allJobs, Skill = skill, Partner = partner, Together = count };
                db.ShortlistPartners.Add(member);
                if (!members.TryGetValue(skill, out var list))
                {
                    members[skill] = list = new(StringComparer.Ordinal);
                }

                list[partner] = member;
            }
        }

        foreach (var skill in changed.Where(s => asking.GetValueOrDefault(s) > 0))
        {
            var mine = members.GetValueOrDefault(skill) ?? new(StringComparer.Ordinal);
            var shortlist = shortlists.GetValueOrDefault(skill);
            var with = MarketInsights.With(mine.Values.Select(m => (m.Partner, (int)m.Together)), total, (int)asking[skill], id => (int)asking.GetValueOrDefault(id));
            if (shortlist is null || mine.Count > shortlist.Kept + PartnerShortlist.MaxAdded || !PartnerShortlist.Decides(with, shortlist.Floor, total, (int)asking[skill]))
            {
                await RefreshAsync(db, tenantId, scope, allJobs, skill, shortlist, mine, asking, cancellationToken);
            }
        }
    }

    /// <summary>The skills whose details (pairs included) a view of one city, seniority or category keeps.</summary>
    private static async Task<HashSet<string>> MarkedAsync(InsightsDbContext db, string tenantId, string scope, CancellationToken cancellationToken) =>
        (await db.Tallies.AsNoTracking()
            .Where(t => t.TenantId == tenantId && t.Scope == scope && t.Open == InsightViewDetails.MarkOpen && t.Kind == TallyKind.DetailsKept)
            .Select(t => t.Key)
            .ToListAsync(cancellationToken))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Builds every skill's shortlist over open and over all jobs, in the view of all jobs and for each view's marked
    /// skills, from the saved counts of a tenant that has none (<see cref="InsightTallyRebuilder"/>; the benchmark, over open jobs only).
    /// </summary>
    public static async Task RefreshAllAsync(InsightsDbContext db, string tenantId, CancellationToken cancellationToken, bool openOnly = false)
    {
        var scopes = await db.Tallies.AsNoTracking().Where(t => t.TenantId == tenantId && t.Open == InsightViewDetails.MarkOpen && t.Kind == TallyKind.DetailsKept).Select(t => t.Scope).Distinct().ToListAsync(cancellationToken);
        foreach (var scope in scopes.Prepend(""))
        {
            var marked = scope == "" ? null : await MarkedAsync(db, tenantId, scope, cancellationToken);
            foreach (var allJobs in openOnly ? [false] : Views)
            {
                var (_, asking) = await CountsAsync(db, tenantId, allJobs, cancellationToken, scope);
                foreach (var skill in asking.Keys.Where(s => marked is null || marked.Contains(s)))
                {
                    await RefreshAsync(db, tenantId, scope, allJobs, skill, null, new(StringComparer.Ordinal), asking, cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// Rebuilds one skill's shortlist from all its pairs. <paramref name="members"/>: its current members (tracked), kept
    /// where they stay, so that no member is removed and added again in one save.
    /// </summary>
    public static async Task RefreshAsync(
        InsightsDbContext db, string tenantId, string scope, bool allJobs, string skill, InsightShortlist? shortlist, Dictionary<string, InsightShortlistPartner> members,
        IReadOnlyDictionary<string, long> asking, CancellationToken cancellationToken)
    {
        var pairs = await PairsOf(db, tenantId, allJobs, [skill], cancellationToken, scope: scope);
        var (chosen, floor) = PartnerShortlist.Choose(pairs.Select(p => (p.Partner, p.Together)), id => asking.GetValueOrDefault(id));
        if (shortlist is null)
        {
            db.Shortlists.Add(shortlist = new InsightShortlist { TenantId = tenantId, Scope = scope, AllJobs = allJobs, Skill = skill });
        }

        shortlist.FloorTogether = floor.Together;
        shortlist.FloorAsking = floor.Asking;
        shortlist.Kept = chosen.Count;
        var kept = chosen.ToDictionary(c => c.Partner, c => c.Together, StringComparer.Ordinal);
        foreach (var member in members.Values.Where(m => !kept.ContainsKey(m.Partner)))
        {
            db.ShortlistPartners.Remove(member);
        }

        foreach (var (partner, count) in kept)
        {
            if (members.TryGetValue(partner, out var member))
            {
                member.Together = count;
            }
            else
            {
                db.ShortlistPartners.Add(new InsightShortlistPartner { TenantId = tenantId, Scope = scope, AllJobs = allJobs, Skill = skill, Partner = partner, Together = count });
            }
        }
    }

    /// <summary>
    /// The pairs of the listed skills a report needs: each skill's shortlist where it decides the lift list, else all
    /// its pairs (a skill without one yet, or one the writer has not refreshed since its partners' counts moved).
    /// <paramref name="asking"/>: jobs asking for each skill in the view, <paramref name="total"/> the view's jobs;
    /// <paramref name="listed"/>: skills whose pairs the view keeps (in a view of one city, seniority or category, marked).
    /// </summary>
    public static async Task<(List<Tally> Pairs, int Undecided)> PairsForAsync(
        InsightsDbContext db, string tenantId, string scope, bool openOnly, IReadOnlyList<string> listed, int total, IReadOnlyDictionary<string, int> asking, CancellationToken cancellationToken)
    {
        var allJobs = !openOnly;
        var shortlists = await db.Shortlists.AsNoTracking()
            .Where(s => s.TenantId == tenantId && s.Scope == scope && s.AllJobs == allJobs && listed.Contains(s.Skill))
            .ToDictionaryAsync(s => s.Skill, StringComparer.Ordinal, cancellationToken);
        var members = (await db.ShortlistPartners.AsNoTracking()
                .Where(m => m.TenantId == tenantId && m.Scope == scope && m.AllJobs == allJobs && listed.Contains(m.Skill) && m.Together >= MarketInsights.MinimumJobsTogether)
                .Select(m => new { m.Skill, m.Partner, m.Together })
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.Skill, StringComparer.Ordinal);
        var pairs = new List<Tally>();
        var undecided = new List<string>();
        foreach (var skill in listed)
        {
            var mine = members[skill].Select(m => (m.Partner, (int)m.Together)).ToList();
            var with = MarketInsights.With(mine, total, asking[skill], id => asking.GetValueOrDefault(id));
            if (shortlists.TryGetValue(skill, out var shortlist) && PartnerShortlist.Decides(with, shortlist.Floor, total, asking[skill]))
            {
                pairs.AddRange(mine.Select(m => new Tally(TallyKind.Pair, skill, m.Partner, 0, m.Item2, 0)));
            }
            else
            {
                undecided.Add(skill);
            }
        }

        pairs.AddRange(await AllPairsAsync(db, tenantId, allJobs, undecided, cancellationToken, scope));
        return (pairs, undecided.Count);
    }

    /// <summary>Every listable pair of the skills given, as the report takes them: what a report read before the shortlists.</summary>
    public static async Task<List<Tally>> AllPairsAsync(InsightsDbContext db, string tenantId, bool allJobs, IReadOnlyList<string> skills, CancellationToken cancellationToken, string scope = "") =>
        [.. (await PairsOf(db, tenantId, allJobs, skills, cancellationToken, scope: scope)).Select(p => new Tally(TallyKind.Pair, p.Skill, p.Partner, 0, p.Together, 0))];

    /// <summary>
    /// Every pair of the skills given (with one of <paramref name="partners"/> only, if given) that shares enough jobs
    /// to be listed, counted over the view.
    /// </summary>
    public static async Task<List<(string Skill, string Partner, long Together)>> PairsOf(
        InsightsDbContext db, string tenantId, bool allJobs, IReadOnlyList<string> skills, CancellationToken cancellationToken, IReadOnlyList<string>? partners = null, string scope = "")
    {
        if (skills.Count == 0)
        {
            return [];
        }

        var pairs = InsightTallies.Viewed(db, tenantId, allJobs, scope).Where(t => t.Kind == TallyKind.Pair && skills.Contains(t.Key));
        if (partners is not null)
        {
            pairs = pairs.Where(t => partners.Contains(t.Other));
        }

        return [.. (await InsightTallies.ReadAsync(pairs, allJobs, cancellationToken, MarketInsights.MinimumJobsTogether)).Select(p => (p.Key, p.Other, p.Count))];
    }

    /// <summary>The view's jobs and the jobs asking for each skill.</summary>
    public static async Task<(int Total, Dictionary<string, long> Asking)> CountsAsync(InsightsDbContext db, string tenantId, bool allJobs, CancellationToken cancellationToken, string scope = "")
    {
        var counts = await InsightTallies.ReadAsync(InsightTallies.Viewed(db, tenantId, allJobs, scope).Where(t => t.Kind == TallyKind.Skill || t.Kind == TallyKind.Jobs), allJobs, cancellationToken);
        return ((int)counts.Where(c => c.Kind == TallyKind.Jobs).Sum(c => c.Count),
            counts.Where(c => c.Kind == TallyKind.Skill).ToDictionary(c => c.Key, c => c.Count, StringComparer.Ordinal));
    }
}
