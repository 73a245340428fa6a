namespace TalentMatch.Core.Matching.Insights;

/// <summary>
/// The partners of a skill that can make its lift list, so that a report reads a few pair counts per skill instead of
/// all of them (ADR 0013, "Pruned pairs"). For a skill A, lift(A, B) = N·n(AB) / (n(A)·n(B)) orders its partners as
/// the <em>score</em> n(AB) / n(B) does (N and n(A) are the same for all of them). The writer keeps, per skill, the
/// partners with the best scores (<see cref="Choose"/>) and a <see cref="Floor"/>: no partner left out scores above it.
/// A partner's score only rises when a job asks for both (the writer sees the pair and adds it if it passes the floor)
/// or when a job asking for the partner leaves (the writer checks that partner's pairs); so the floor holds between
/// refreshes, and <see cref="Decides"/> tells whether the members alone give the list exactly. When they do not, the
/// report reads all the skill's pairs: answers never depend on the pruning, only the rows read do.
/// </summary>
public static class PartnerShortlist
{
    /// <summary>Partners kept at a refresh (more where the last ones tie): three times the list's length, for headroom.</summary>
    public const int Kept = 3 * MarketInsights.MaxWith;

    /// <summary>Partners added between refreshes before the writer refreshes again: bounds the rows a report reads per skill.</summary>
    public const int MaxAdded = 2 * Kept;

    /// <summary>
    /// No partner outside the shortlist has a score n(AB) / n(B) above <see cref="Together"/> / <see cref="Asking"/>.
    /// <see cref="None"/> (0 / 1): every partner sharing at least <see cref="MarketInsights.MinimumJobsTogether"/> jobs is a member.
    /// </summary>
    public readonly record struct Floor(long Together, long Asking)
    {
        public static Floor None => new(0, 1);

        /// <summary>Whether a partner sharing <paramref name="together"/> of its <paramref name="asking"/> jobs scores above the floor (exact: no division).</summary>
        public bool IsBelow(long together, long asking) =>
            together >= MarketInsights.MinimumJobsTogether && together * Asking > Together * asking;
    }

    /// <summary>
    /// The best <see cref="Kept"/> partners by score (with any that tie the last one) and the floor they leave: the best
    /// score among the others. <paramref name="pairs"/>: a skill's partners and the jobs asking for both;
    /// <paramref name="asking"/>: jobs asking for a partner.
    /// </summary>
    public static (IReadOnlyList<(string Partner, long Together)> Members, Floor Floor) Choose(IEnumerable<(string Partner, long Together)> pairs, Func<string, long> asking)
    {
        var ranked = pairs.Where(p => p.Together >= MarketInsights.MinimumJobsTogether)
            .Select(p => (p.Partner, p.Together, Asking: asking(p.Partner)))
            .Order(Comparer<(string Partner, long Together, long Asking)>.Create((a, b) => (b.Together * a.Asking).CompareTo(a.Together * b.Asking)))
            .ToList();
        var kept = Math.Min(Kept, ranked.Count);
        while (kept < ranked.Count && ranked[kept].Together * ranked[kept - 1].Asking == ranked[kept - 1].Together * ranked[kept].Asking)
        {
            kept++; // tied with the last member: a floor equal to a member's score would leave the list undecided for good
        }

        var floor = kept < ranked.Count ? new Floor(ranked[kept].Together, ranked[kept].Asking) : Floor.None;
        return ([.. ranked.Take(kept).Select(p => (p.Partner, p.Together))], floor);
    }

    /// <summary>
    /// Whether <paramref name="with"/>, the lift list computed from the members alone, is the list all the skill's pairs
    /// give: every other partner's lift is at most N·floor / n(A), and if that, rounded as lifts are, is below the last
    /// listed lift, none of them can enter the list or tie with it. With fewer than <see cref="MarketInsights.MaxWith"/>
    /// listed, only a shortlist holding every partner decides.
    /// </summary>
    public static bool Decides(IReadOnlyList<CoSkill> with, Floor floor, int total, int asking)
    {
        if (floor.Together == 0)
        {
            return true;
        }

        if (with.Count < MarketInsights.MaxWith)
        {
            return false;
        }

        // A hair above the bound: the others' lifts are computed in doubles too, and must not round past it.
        var bound = (double)total * floor.Together / ((double)asking * floor.Asking) * (1 + 1e-12);
        return Math.Round(bound, 2) < with[^1].Lift;
    }
}
