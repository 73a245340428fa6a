namespace TalentMatch.Core.Matching.Insights;

/// <summary>
/// The counting behind <see cref="MarketInsights.Summarise"/>: each distinct skill of the jobs gets a number, each job
/// its distinct skills as numbers (required ones first), so that counts are array cells. A job asking for a skill twice,
/// or both as required and preferred, counts once, as required.
/// </summary>
internal sealed class SkillCounts
{
    private readonly Dictionary<string, int> numbers = new(StringComparer.Ordinal);
    private readonly List<int> required = [];

    /// <summary>Per job, in the order given: its distinct skills' numbers, the first <see cref="requiredOf"/> of them required.</summary>
    private readonly List<int[]> skillsOf;
    private readonly List<int> requiredOf;

    private SkillCounts(int jobs)
    {
        skillsOf = new List<int[]>(jobs);
        requiredOf = new List<int>(jobs);
    }

    /// <summary>The skills, by number.</summary>
    public List<string> Ids { get; } = [];

    /// <summary>Jobs asking for each skill, by number.</summary>
    public List<int> Asking { get; } = [];

    public static SkillCounts Of(IEnumerable<MarketJob> jobs)
    {
        var counts = new SkillCounts(jobs.TryGetNonEnumeratedCount(out var n) ? n : 0);
        var distinct = new List<int>();
        foreach (var job in jobs)
        {
            distinct.Clear();
            counts.AddDistinct(job.Required, distinct);
            var requiredCount = distinct.Count;
            counts.AddDistinct(job.Preferred, distinct);
            for (var i = 0; i < distinct.Count; i++)
            {
                counts.Asking[distinct[i]]++;
                if (i < requiredCount) counts.required[distinct[i]]++;
            }

            counts.skillsOf.Add([.. distinct]);
            counts.requiredOf.Add(requiredCount);
        }

        return counts;
    }

    public int AskingFor(string id) => Asking[numbers[id]];

    /// <summary>
    /// For each of <paramref name="listed"/> (skill ids of these jobs): the jobs asking for it and requiring it, how many
    /// of them ask for each other skill, their pay midpoints in <paramref name="currency"/> (none without one), and,
    /// with <paramref name="trend"/>, how many were posted each month. <paramref name="jobs"/> are those counted, in the
    /// same order.
    /// </summary>
    public List<ListedSkill> DetailsOf(IEnumerable<MarketJob> jobs, IReadOnlyList<string> listed, string? currency, bool trend)
    {
        var position = new int[Ids.Count];
        Array.Fill(position, -1);
        var details = new List<ListedSkill>(listed.Count);
        foreach (var id in listed)
        {
            var number = numbers[id];
            position[number] = details.Count;
            details.Add(new ListedSkill(this, number, Asking[number], required[number], new int[Ids.Count], trend ? [] : null));
        }

        var index = 0;
        foreach (var job in jobs)
        {
            var skills = skillsOf[index++];
            int? month = trend ? (job.Posted.UtcDateTime.Year * 12) + job.Posted.UtcDateTime.Month - 1 : null;
            var pay = currency is not null && job.Pay is { Negotiable: false } p && p.Currency == currency ? p : null;
            foreach (var skill in skills)
            {
                if (position[skill] < 0) continue;
                var detail = details[position[skill]];
                foreach (var other in skills)
                {
                    detail.TogetherCounts[other]++;
                }

                if (pay?.MonthlyMidpoint is { } monthly) detail.Monthly.Add(monthly);
                if (pay?.AnnualMidpoint is { } annual) detail.Annual.Add(annual);
                if (month is { } m) detail.Months![m] = detail.Months.GetValueOrDefault(m) + 1;
            }
        }

        return details;
    }

    private void AddDistinct(IReadOnlyList<string> ids, List<int> distinct)
    {
        foreach (var id in ids)
        {
            if (!numbers.TryGetValue(id, out var number))
            {
                numbers[id] = number = Ids.Count;
                Ids.Add(id);
                Asking.Add(0);
                required.Add(0);
            }

            // A job's skills are few (a few dozen at most): a scan is cheaper than a set per job.
            if (!distinct.Contains(number)) distinct.Add(number);
        }
    }

    /// <summary>One listed skill's counts (see <see cref="DetailsOf"/>).</summary>
    internal sealed record ListedSkill(SkillCounts Counts, int Number, int Asking, int Required, int[] TogetherCounts, Dictionary<int, int>? Months)
    {
        public List<decimal> Monthly { get; } = [];

        public List<decimal> Annual { get; } = [];

        /// <summary>Other skills asked for with this one, and in how many jobs.</summary>
        public IEnumerable<(string Id, int Jobs)> Together
        {
            get
            {
                var together = new List<(string, int)>();
                for (var other = 0; other < TogetherCounts.Length; other++)
                {
                    if (TogetherCounts[other] > 0 && other != Number) together.Add((Counts.Ids[other], TogetherCounts[other]));
                }

                return together;
            }
        }

        public IReadOnlyList<MonthDemand>? Trend =>
            Months is null ? null : [.. Months.OrderBy(m => m.Key).Select(m => new MonthDemand($"{m.Key / 12:D4}-{(m.Key % 12) + 1:D2}", m.Value))];
    }
}
