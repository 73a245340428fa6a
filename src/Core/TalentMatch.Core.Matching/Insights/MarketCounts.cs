using TalentMatch.Core.Skills;

namespace TalentMatch.Core.Matching.Insights;

/// <summary>
/// The counting behind <see cref="MarketInsights.Summarise"/>, fed one job at a time: each distinct skill gets a number,
/// each job is kept as its distinct skills' numbers (required first), its pay's currency and midpoints and its month,
/// so that counts are array cells and a job costs no object of its own. The insights service feeds it rows straight
/// from the database (<see cref="Add(string, string, string?, decimal?, decimal?, int)"/>); the CLI and tests feed it
/// <see cref="MarketJob"/>s. A job asking for a skill twice, or both as required and preferred, counts once, as required.
/// </summary>
public sealed class MarketCounts
{
    private readonly Dictionary<string, int> numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> numbersBySpan;
    private readonly List<string> ids = [];
    private readonly List<int> asking = [];
    private readonly List<int> required = [];

    // Per job, in the order added: its skills' numbers are skills[ends[j - 1]..ends[j]].
    private readonly List<int> skills = [];
    private readonly List<int> ends = [];
    private readonly List<int> months = [];
    private readonly List<(int Currency, decimal? Monthly, decimal? Annual)> pays = [];

    private readonly Dictionary<string, int> currencyNumbers = new(StringComparer.Ordinal);
    private readonly List<string> currencies = [];

    public MarketCounts() => numbersBySpan = numbers.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Jobs => ends.Count;

    /// <summary>A month as counted here: year × 12 + month − 1, of the UTC date.</summary>
    public static int MonthOf(DateOnly day) => (day.Year * 12) + day.Month - 1;

    public void Add(MarketJob job)
    {
        var start = skills.Count;
        foreach (var id in job.Required) AddSkill(id, start);
        var requiredEnd = skills.Count;
        foreach (var id in job.Preferred) AddSkill(id, start);
        var pay = job.Pay is { Currency: { } currency, Negotiable: false } p ? (currency, p.MonthlyMidpoint, p.AnnualMidpoint) : ((string?)null, (decimal?)null, (decimal?)null);
        EndJob(start, requiredEnd, pay.Item1, pay.Item2, pay.Item3, MonthOf(DateOnly.FromDateTime(job.Posted.UtcDateTime)));
    }

    /// <summary>A job as stored: skill ids space-separated; pay in <paramref name="currency"/> (none where null); its month (<see cref="MonthOf"/>).</summary>
    public void Add(string requiredIds, string preferredIds, string? currency, decimal? monthly, decimal? annual, int month)
    {
        var start = skills.Count;
        foreach (var range in requiredIds.AsSpan().Split(' ')) AddSkill(requiredIds, range, start);
        var requiredEnd = skills.Count;
        foreach (var range in preferredIds.AsSpan().Split(' ')) AddSkill(preferredIds, range, start);
        EndJob(start, requiredEnd, currency, monthly, annual, month);
    }

    /// <summary>The report over the jobs added (see <see cref="MarketInsights.Summarise"/>).</summary>
    public MarketReport Report(SkillTaxonomy taxonomy, int maxSkills, bool trend, Func<string, bool>? include)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxSkills);
        var salaries = Salaries();
        var main = salaries.FirstOrDefault();
        var mainCurrency = main is null ? -1 : currencyNumbers[main.Currency];
        var listed = MarketInsights.Ranked(ids.Select((id, i) => (id, asking[i])), include ?? (_ => true), maxSkills).ToList();

        var position = new int[ids.Count];
        Array.Fill(position, -1);
        var details = new List<Listed>(listed.Count);
        foreach (var id in listed)
        {
            position[numbers[id]] = details.Count;
            details.Add(new Listed(new int[ids.Count], trend ? [] : null));
        }

        for (var job = 0; job < Jobs; job++)
        {
            var (start, end) = (job == 0 ? 0 : ends[job - 1], ends[job]);
            var pay = pays[job];
            for (var i = start; i < end; i++)
            {
                if (position[skills[i]] < 0) continue;
                var detail = details[position[skills[i]]];
                for (var k = start; k < end; k++) detail.Together[skills[k]]++;
                if (pay.Currency == mainCurrency && pay.Monthly is { } monthly) detail.Monthly.Add(monthly);
                if (pay.Currency == mainCurrency && pay.Annual is { } annual) detail.Annual.Add(annual);
                if (detail.Months is { } byMonth) byMonth[months[job]] = byMonth.GetValueOrDefault(months[job]) + 1;
            }
        }

        var demands = listed.Select((id, i) =>
        {
            var (number, detail) = (numbers[id], details[i]);
            var together = new List<(string, int)>();
            for (var other = 0; other < ids.Count; other++)
            {
                if (detail.Together[other] > 0 && other != number) together.Add((ids[other], detail.Together[other]));
            }

            var with = MarketInsights.With(together, Jobs, asking[number], partner => asking[numbers[partner]]);
            var salary = new SkillSalary(Distribution.Of(detail.Monthly), Distribution.Of(detail.Annual));
            IReadOnlyList<MonthDemand>? months = detail.Months is null
                ? null
                : [.. detail.Months.OrderBy(m => m.Key).Select(m => new MonthDemand($"{m.Key / 12:D4}-{(m.Key % 12) + 1:D2}", m.Value))];
            return MarketInsights.Demand(id, asking[number], required[number], Jobs, salary, with, taxonomy) with { Trend = months };
        }).ToList();
        return new MarketReport(Jobs, main, [.. salaries.Skip(1)], demands);
    }

    /// <summary>Pay per currency, most jobs first (ties by currency), as <see cref="MarketInsights.Salaries"/> orders it.</summary>
    private List<SalarySummary> Salaries()
    {
        var byCurrency = currencies.Select(_ => (Jobs: 0, Monthly: new List<decimal>(), Annual: new List<decimal>())).ToArray();
        foreach (var (currency, monthly, annual) in pays)
        {
            if (currency < 0) continue;
            byCurrency[currency].Jobs++;
            if (monthly is { } m) byCurrency[currency].Monthly.Add(m);
            if (annual is { } a) byCurrency[currency].Annual.Add(a);
        }

        return [.. byCurrency
            .Select((c, i) => new SalarySummary(currencies[i], c.Jobs, Distribution.Of(c.Monthly), Distribution.Of(c.Annual)))
            .Where(s => s.Jobs > 0)
            .OrderByDescending(s => s.Jobs)
            .ThenBy(s => s.Currency, StringComparer.Ordinal)];
    }

    private void AddSkill(string id, int jobStart)
    {
        if (!numbers.TryGetValue(id, out var number)) number = Number(id);
        AddDistinct(number, jobStart);
    }

    private void AddSkill(string text, Range range, int jobStart)
    {
        var word = text.AsSpan(range);
        if (word.IsEmpty) return;
        // Looked up by the span: no string for a skill already numbered.
        if (!numbersBySpan.TryGetValue(word, out var number)) number = Number(word.ToString());
        AddDistinct(number, jobStart);
    }

    private int Number(string id)
    {
        var number = numbers[id] = ids.Count;
        ids.Add(id);
        asking.Add(0);
        required.Add(0);
        return number;
    }

    private void AddDistinct(int number, int jobStart)
    {
        // A job's skills are few (a few dozen at most): a scan is cheaper than a set per job.
        for (var i = jobStart; i < skills.Count; i++)
        {
            if (skills[i] == number) return;
        }

        skills.Add(number);
    }

    private void EndJob(int start, int requiredEnd, string? currency, decimal? monthly, decimal? annual, int month)
    {
        for (var i = start; i < skills.Count; i++)
        {
            asking[skills[i]]++;
            if (i < requiredEnd) required[skills[i]]++;
        }

        var currencyNumber = -1;
        if (currency is not null && !currencyNumbers.TryGetValue(currency, out currencyNumber))
        {
            currencyNumber = currencyNumbers[currency] = currencies.Count;
            currencies.Add(currency);
        }

        ends.Add(skills.Count);
        months.Add(month);
        pays.Add((currencyNumber, monthly, annual));
    }

    private sealed record Listed(int[] Together, Dictionary<int, int>? Months)
    {
        public List<decimal> Monthly { get; } = [];

        public List<decimal> Annual { get; } = [];
    }
}
