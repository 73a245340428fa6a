using System.Globalization;
using System.Text;
using TalentMatch.Core.Matching.Insights;

namespace TalentMatch.Cli.Commands;

/// <summary><c>insights --format table</c>: the report as aligned columns, pay in thousands of the currency's unit ("45K").</summary>
internal static class InsightsTable
{
    public static string Format(MarketReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{report.Jobs} job ads");
        foreach (var salary in new[] { report.Salary }.OfType<SalarySummary>().Concat(report.OtherCurrencies))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{salary.Currency}, {salary.Jobs} ads with a posted range (midpoints):");
            text.AppendLine(CultureInfo.InvariantCulture, $"  monthly  {Quartiles(salary.Monthly)}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  annual   {Quartiles(salary.Annual)}");
        }

        text.AppendLine();
        string[] header = ["skill", "jobs", "share", "req", "pref", $"monthly p50 {report.Salary?.Currency}".TrimEnd(), "annual p50", "n", "most often with (lift)"];
        var rows = report.Skills.Select(s => new[]
        {
            s.Name,
            s.Jobs.ToString(CultureInfo.InvariantCulture),
            s.Share.ToString("P0", CultureInfo.InvariantCulture),
            s.Required.ToString(CultureInfo.InvariantCulture),
            s.Preferred.ToString(CultureInfo.InvariantCulture),
            Thousands(s.Salary.Monthly.P50),
            Thousands(s.Salary.Annual.P50),
            s.Salary.Monthly.N.ToString(CultureInfo.InvariantCulture),
            string.Join(", ", s.With.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Id} {w.Lift:0.0}"))),
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var numeric = new[] { false, true, true, true, true, true, true, true, false };
        foreach (var row in rows.Prepend(header))
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => numeric[i] ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd());
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"(p50 blank: fewer than {Distribution.MinimumSample} ads with a range; lift: times more often together than by chance, over at least {MarketInsights.MinimumJobsTogether} ads)");
        return text.ToString();
    }

    private static string Quartiles(Distribution d) =>
        d.P50 is null
            ? string.Create(CultureInfo.InvariantCulture, $"n={d.N} (too few for percentiles)")
            : string.Create(CultureInfo.InvariantCulture, $"n={d.N}  p25 {Thousands(d.P25)}  p50 {Thousands(d.P50)}  p75 {Thousands(d.P75)}");

    private static string Thousands(decimal? amount) =>
        amount is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value / 1000m:0.#}K") : "";
}
