using System.Globalization;
using System.Text.RegularExpressions;

namespace TalentMatch.Documents.Parsing;

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

    public static IEnumerable<DateRange> Find(string line)
    {
        foreach (Match m in Range().Matches(line))
        {
            var start = ParseDate(m.Groups["start"].Value);
            if (start is null) continue;
            var isCurrent = m.Groups["present"].Success;
            var end = isCurrent ? null : ParseDate(m.Groups["end"].Value);
            if (!isCurrent && (end is null || end < start)) continue;
            yield return new DateRange(start.Value, end, isCurrent, m.Value.Trim(), m.Index);
        }
    }

    private static DateOnly? ParseDate(string text)
    {
        var t = text.Trim().TrimEnd('.');
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
    private const string Date = @"(?:\b" + MonthName + @",?\s*(?:'|’)?\d{2,4}|\d{1,2}\s*[/.\-]\s*(?:19|20)\d{2}|(?:19|20)\d{2}\s*[/.\-年]\s*\d{1,2}\s*月?|(?:19|20)\d{2})";
    private const string Present = @"(?<present>present|current(?:ly)?|now|today|till date|to date|date|ongoing|至今|现在|今)";

    [GeneratedRegex(@"(?<![\d/.])(?<start>" + Date + @")\s*(?:-|–|—|~|～|to|till|until|through|至|到)\s*(?:(?<end>" + Date + @")|" + Present + @")(?![\d/])", RegexOptions.IgnoreCase)]
    private static partial Regex Range();

    [GeneratedRegex(@"^(?<mon>[a-z]{3,9})\.?,?\s*(?<year>(?:'|’)?\d{2,4})$", RegexOptions.IgnoreCase)]
    private static partial Regex NamedMonth();

    [GeneratedRegex(@"^(?:(?<m1>\d{1,2})\s*[/.\-]\s*(?<y1>\d{4})|(?<y2>\d{4})\s*[/.\-年]\s*(?<m2>\d{1,2})\s*月?)$")]
    private static partial Regex NumericMonth();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex YearOnly();
}
