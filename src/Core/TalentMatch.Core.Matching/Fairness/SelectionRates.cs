using System.Globalization;
using System.Text;

namespace TalentMatch.Core.Matching.Fairness;

/// <summary>How a score counts as "selected" in a bias audit.</summary>
public abstract record Selection
{
    private Selection()
    {
    }

    /// <summary>
    /// NYC Local Law 144's scoring rate for tools that score rather than select: a person counts when their score is
    /// above the median score of everyone assessed (6 RCNY § 5-300, "scoring rate").
    /// </summary>
    public sealed record AboveMedian : Selection;

    /// <summary>Scoring at or above a threshold (the score a recruiter shortlists from).</summary>
    public sealed record AtLeast(double Threshold) : Selection;

    /// <summary>
    /// Ranked in the first <paramref name="Count"/> of its list (ties broken by id, as a match list ranks them). People
    /// with a <see cref="AssessedPerson.List"/> are ranked within their own list (one job's candidates), the rest together.
    /// </summary>
    public sealed record Top(int Count) : Selection;

    public string Describe() => this switch
    {
        AtLeast t => $"score >= {t.Threshold}",
        Top t => $"ranked in the top {t.Count}",
        _ => "score above the median",
    };
}

/// <summary>One person the tool scored: their self-identified categories per dimension (absent or null: not declared).</summary>
/// <param name="Id">Unique within one report: a candidate, or a candidate for one job when a report spans several jobs.</param>
/// <param name="List">The ranked list the score belongs to (a job), for <see cref="Selection.Top"/>; null: one list for everyone.</param>
public sealed record AssessedPerson(string Id, double Score, IReadOnlyDictionary<string, string?> Categories, string? List = null);

/// <param name="Share">The category's share of the people whose category in this dimension is known.</param>
/// <param name="SelectionRate">Selected / assessed.</param>
/// <param name="ImpactRatio">This category's rate over the highest rate among the categories not excluded; null when excluded or nobody was selected.</param>
/// <param name="BelowFourFifths">An impact ratio under 0.8: the four-fifths rule's flag of adverse impact.</param>
/// <param name="Excluded">Under 2 % of the known data: reported, but left out of the impact ratios (LL144 allows it).</param>
public sealed record CategoryRate(
    string Category, int Assessed, int Selected, double Share, double SelectionRate, double? ImpactRatio, bool BelowFourFifths, bool Excluded);

/// <param name="Unknown">People with no declared category in this dimension: counted, never in a rate.</param>
public sealed record DimensionRates(string Dimension, IReadOnlyList<CategoryRate> Categories, int Unknown);

public sealed record SelectionReport(string Selection, int Assessed, int Selected, IReadOnlyList<DimensionRates> Dimensions);

/// <summary>
/// Selection rates and impact ratios by category, per dimension and for the intersection of every two dimensions
/// (LL144 asks for sex, race/ethnicity and their intersection). Pure: the service and the CLI feed it the scores
/// they serve; categories are only ever read here, never by the scorer.
/// </summary>
public static class SelectionRates
{
    /// <summary>An impact ratio under this is flagged (the four-fifths rule of the US Uniform Guidelines, 29 CFR 1607.4(D)).</summary>
    public const double FourFifths = 0.8;

    /// <summary>Categories under this share of the known data may be left out of the impact ratios (6 RCNY § 5-301).</summary>
    public const double SmallShare = 0.02;

    /// <summary>How an intersection of two dimensions is named, and its categories.</summary>
    public const string Intersection = " × ";

    public static SelectionReport Compute(IReadOnlyList<AssessedPerson> people, IReadOnlyList<string> dimensions, Selection selection)
    {
        var selected = Selected(people, selection);
        List<DimensionRates> reports = [.. dimensions.Select(d => Rates(d, people, selected, p => Category(p, d)))];
        for (var i = 0; i < dimensions.Count; i++)
        {
            for (var j = i + 1; j < dimensions.Count; j++)
            {
                var (a, b) = (dimensions[i], dimensions[j]);
                reports.Add(Rates(a + Intersection + b, people, selected,
                    p => Category(p, a) is { } x && Category(p, b) is { } y ? x + Intersection + y : null));
            }
        }

        return new SelectionReport(selection.Describe(), people.Count, selected.Count, reports);
    }

    private static string? Category(AssessedPerson person, string dimension) =>
        person.Categories.TryGetValue(dimension, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static HashSet<string> Selected(IReadOnlyList<AssessedPerson> people, Selection selection)
    {
        switch (selection)
        {
            case Selection.AtLeast t:
                return [.. people.Where(p => p.Score >= t.Threshold).Select(p => p.Id)];
            case Selection.Top t:
                return [.. people.GroupBy(p => p.List, StringComparer.Ordinal)
                    .SelectMany(list => list.OrderByDescending(p => p.Score).ThenBy(p => p.Id, StringComparer.Ordinal).Take(t.Count))
                    .Select(p => p.Id)];
            default:
                if (people.Count == 0)
                {
                    return [];
                }

                var sorted = people.Select(p => p.Score).Order().ToArray();
                var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
                return [.. people.Where(p => p.Score > median).Select(p => p.Id)];
        }
    }

    private static DimensionRates Rates(string dimension, IReadOnlyList<AssessedPerson> people, HashSet<string> selected, Func<AssessedPerson, string?> categoryOf)
    {
        var known = people.Select(p => (Person: p, Category: categoryOf(p))).Where(x => x.Category is not null).ToList();
        var groups = known.GroupBy(x => x.Category!, StringComparer.Ordinal)
            .Select(g => (Category: g.Key, Assessed: g.Count(), Selected: g.Count(x => selected.Contains(x.Person.Id))))
            .ToList();
        double Share(int n) => known.Count == 0 ? 0 : (double)n / known.Count;
        var best = groups.Where(g => Share(g.Assessed) >= SmallShare).Select(g => (double)g.Selected / g.Assessed).DefaultIfEmpty(0).Max();
        var categories = groups
            .Select(g =>
            {
                var rate = (double)g.Selected / g.Assessed;
                var excluded = Share(g.Assessed) < SmallShare;
                double? ratio = excluded || best == 0 ? null : rate / best;
                return new CategoryRate(g.Category, g.Assessed, g.Selected, Math.Round(Share(g.Assessed), 4), Math.Round(rate, 4),
                    ratio is { } r ? Math.Round(r, 4) : null, ratio < FourFifths, excluded);
            })
            .OrderByDescending(c => c.Assessed).ThenBy(c => c.Category, StringComparer.Ordinal)
            .ToList();
        return new DimensionRates(dimension, categories, people.Count - known.Count);
    }

    /// <summary>
    /// The report for a spreadsheet: one line per category and dimension, and the unknowns as a line of their own with
    /// no rate. Every text field is quoted; callers accept only plain labels (no leading = + - @), so no cell is a formula.
    /// </summary>
    public static string ToCsv(IReadOnlyList<DimensionRates> dimensions)
    {
        var csv = new StringBuilder("dimension,category,assessed,selected,share,selection_rate,impact_ratio,below_four_fifths,excluded_small\n");
        static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";
        static string Flag(bool value) => value ? "true" : "false";
        foreach (var dimension in dimensions)
        {
            foreach (var c in dimension.Categories)
            {
                csv.Append(CultureInfo.InvariantCulture,
                    $"{Quote(dimension.Dimension)},{Quote(c.Category)},{c.Assessed},{c.Selected},{Number(c.Share)},{Number(c.SelectionRate)},{Number(c.ImpactRatio)},{Flag(c.BelowFourFifths)},{Flag(c.Excluded)}\n");
            }

            csv.Append(CultureInfo.InvariantCulture, $"{Quote(dimension.Dimension)},\"(unknown)\",{dimension.Unknown},,,,,,\n");
        }

        return csv.ToString();
    }
}
