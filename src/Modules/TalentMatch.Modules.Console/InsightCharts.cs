namespace TalentMatch.Modules.Console;

/// <summary>
/// The insights page's two charts as SVG geometry, in the drawing's own units: the page draws them with attributes
/// only (the Content-Security-Policy allows no inline style) and the browser scales the drawing to the page.
/// Demand: one bar per skill, its required then its preferred jobs, from 0 to the most asked-for skill. Pay: per skill
/// with quartiles, its p25–p75 range and median, from the lowest p25 to the highest p75 shown.
/// </summary>
public static class InsightCharts
{
    public const double Width = 640;

    /// <summary>Where the bars start: the skill's name is written left of it.</summary>
    public const double Left = 170;

    public const double RowHeight = 24;

    /// <summary>Room right of the longest bar for its figure.</summary>
    private const double Plot = Width - Left - 70;

    public sealed record DemandBar(SkillInsight Skill, double Y, double Required, double Preferred);

    public sealed record PayRange(SkillInsight Skill, double Y, double Low, double Median, double High);

    public static double Height(int rows) => Math.Max(1, rows) * RowHeight;

    public static IReadOnlyList<DemandBar> Demand(IReadOnlyList<SkillInsight> skills)
    {
        var most = Math.Max(1, skills.Select(s => s.Jobs).DefaultIfEmpty(1).Max());
        return [.. skills.Select((s, i) => new DemandBar(s, i * RowHeight, Plot * s.Required / most, Plot * s.Preferred / most))];
    }

    /// <summary>The skills with monthly quartiles (5 priced jobs or more), placed between <paramref name="low"/> and <paramref name="high"/>.</summary>
    public static IReadOnlyList<PayRange> Pay(IReadOnlyList<SkillInsight> skills, out decimal low, out decimal high)
    {
        var priced = skills.Where(s => s.Salary.Monthly is { P25: not null, P50: not null, P75: not null }).ToList();
        var from = low = priced.Select(s => s.Salary.Monthly.P25!.Value).DefaultIfEmpty(0).Min();
        high = priced.Select(s => s.Salary.Monthly.P75!.Value).DefaultIfEmpty(0).Max();
        var span = Math.Max(1, high - low);
        double X(decimal value) => Left + ((double)((value - from) / span) * Plot);
        return [.. priced.Select((s, i) => new PayRange(s, i * RowHeight, X(s.Salary.Monthly.P25!.Value), X(s.Salary.Monthly.P50!.Value), X(s.Salary.Monthly.P75!.Value)))];
    }
}
