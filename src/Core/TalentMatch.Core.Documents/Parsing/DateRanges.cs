using System.Globalization;
using System.Text.RegularExpressions;

namespace TalentMatch.Core.Documents.Parsing;

/// <summary>A period of work as written: "Jan 2018 – Present", "2017 - 2019", "06/2013 to 05/2015", "2019.03-至今".</summary>
internal sealed record DateRange(DateOnly Start, DateOnly? End, bool IsCurrent, string Text, int Index)
{
    public int Months(DateOnly reference)
    {
        var end = End ?? reference;
        return Math.Max(0, ((end.Year - Start.Year) * 12) + end.Month - Start.Month);
    }
}

internal static partial class DateRanges
{
    private static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>
    /// The date ranges in a line, in order. Besides "start – end" and "start – Present": a range whose dash
    /// the document lost ("June 2014 September 2015", "4/2016 5/2022", "20162017": two dates with nothing
    /// but spaces between them, the second not before the first and under 50 years on), year-first months
    /// ("2019 october - now", "2019.03-至今"), and open ranges ("Since 2018", "Sept 2017 onwards").
    /// </summary>
    public static IEnumerable<DateRange> Find(string line)
    {
        var found = new List<DateRange>();
        foreach (Match m in Range().Matches(line))
        {
            var start = ParseDate(m.Groups["start"].Value);
            if (start is null) continue;
            var isCurrent = m.Groups["present"].Success;
            var end = isCurrent ? null : ParseDate(m.Groups["end"].Value);
            if (!isCurrent && (end is null || end < start)) continue;
            if (!m.Groups["sep"].Success && end is { } e && e.Year - start.Value.Year >= 50) continue;
            found.Add(new DateRange(start.Value, end, isCurrent, m.Value.Trim(), m.Index));
        }
        foreach (Match m in OpenRange().Matches(line))
        {
            if (found.Any(r => m.Index < r.Index + r.Text.Length && r.Index < m.Index + m.Length)) continue;
            if (ParseDate(m.Groups["start"].Value) is { } start) found.Add(new DateRange(start, null, true, m.Value.Trim(), m.Index));
        }
        return found.OrderBy(r => r.Index);
    }

    private static DateOnly? ParseDate(string text)
    {
        var t = text.Trim().TrimEnd('.');
        var yearFirst = YearFirstMonth().Match(t);
        if (yearFirst.Success)
        {
            t = yearFirst.Groups["mon"].Value + " " + yearFirst.Groups["year"].Value;
        }
        var named = NamedMonth().Match(t);
        if (named.Success)
        {
            var month = Array.IndexOf(MonthNames, named.Groups["mon"].Value[..3].ToLowerInvariant()) + 1;
            return Make(Year(named.Groups["year"].Value), month);
        }
        var numeric = NumericMonth().Match(t);
        if (numeric.Success)
        {
            var year = Year(numeric.Groups["y1"].Success ? numeric.Groups["y1"].Value : numeric.Groups["y2"].Value);
            var month = int.Parse(numeric.Groups["m1"].Success ? numeric.Groups["m1"].Value : numeric.Groups["m2"].Value, CultureInfo.InvariantCulture);
            return Make(year, month);
        }
        var yearOnly = YearOnly().Match(t);
        return yearOnly.Success ? Make(Year(yearOnly.Value), 1) : null;
    }

    private static int Year(string text)
    {
        var y = int.Parse(text.TrimStart('\'', '’'), CultureInfo.InvariantCulture);
        return y < 100 ? (y < 50 ? 2000 + y : 1900 + y) : y;
    }

    private static DateOnly? Make(int year, int month) =>
        year is >= 1950 and <= 2100 && month is >= 1 and <= 12 ? new DateOnly(year, month, 1) : null;

    private const string MonthName = @"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
    private const string Date = @"(?:(?:19|20)\d{2}\s*,?\s*" + MonthName + @"(?![a-z])|(?<![a-z])" + MonthName + @",?\s*(?:'|’)?\d{2,4}|\d{1,2}\s*[/.\-]\s*(?:19|20)\d{2}|(?:19|20)\d{2}\s*[/.\-年]\s*\d{1,2}\s*月?|(?:19|20)\d{2})";
    private const string Present = @"(?<present>present|current(?:ly)?|now|today|till date|to date|date|ongoing|至今|现在|今)";

    [GeneratedRegex(@"(?<![\d/.])(?<start>" + Date + @")(?:\s*(?<sep>-|–|—|~|～|to|till|until|through|至|到)\s*|\s*)(?:(?<end>" + Date + @")|" + Present + @")(?![\d/])", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Range();

    [GeneratedRegex(@"\b(?:since|from)\s+(?<start>" + Date + @")(?!\s*(?:-|–|—|~|to|till|until|through)\s*\w)|(?<![\d/.])(?<start>" + Date + @")\s*(?:onwards?|(?:-|–)\s*(?:\.\.\.|…))", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex OpenRange();

    [GeneratedRegex(@"^(?<year>(?:19|20)\d{2})\s*,?\s*(?<mon>[a-z]{3,9})\.?$", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex YearFirstMonth();

    [GeneratedRegex(@"^(?<mon>[a-z]{3,9})\.?,?\s*(?<year>(?:'|’)?\d{2,4})$", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex NamedMonth();

    [GeneratedRegex(@"^(?:(?<m1>\d{1,2})\s*[/.\-]\s*(?<y1>\d{4})|(?<y2>\d{4})\s*[/.\-年]\s*(?<m2>\d{1,2})\s*月?)$", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex NumericMonth();

    [GeneratedRegex(@"^\d{4}$", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex YearOnly();
}
