using System.Globalization;
using System.Text.RegularExpressions;

namespace TalentMatch.Core.Documents.Parsing;

/// <summary>
/// Finds the first plausible pay range. Amounts need a currency or a "k"/"K" to count, so years
/// ("2019-2021"), percentages and funding ("$200B", "$50mil") are not taken for salaries.
/// </summary>
internal static partial class SalaryParser
{
    public static SalaryRange? Find(string text)
    {
        var chinese = TextLines.ContainsCjk(text);
        // "30-60K·15薪" notation only exists in Chinese ads; in English "$170-225K" it would misread the currency.
        if (chinese)
        {
            foreach (Match match in ChineseSalary().Matches(text))
            {
                var salary = FromChinese(match, text);
                if (salary is not null) return salary;
            }
            // Day and hour rates (internships: "200-400元/天") are written in yuan, without K or 万.
            foreach (Match match in YuanRate().Matches(text))
            {
                var salary = FromYuan(match);
                if (salary is not null) return salary;
            }
        }
        foreach (Match match in WesternSalary().Matches(text))
        {
            var salary = FromWestern(match, chinese);
            if (salary is not null) return salary;
        }
        return null;
    }

    private static SalaryRange? FromChinese(Match m, string text)
    {
        var unit = m.Groups["unit"].Value;
        // "超 13 万平方米", "540 万名用户": a lone 万/千 figure is pay only with a pay word before it ("月薪2万");
        // BOSS直聘's own "35K", a range, a period or "·N薪" need none.
        var bare = !m.Groups["max"].Success && !m.Groups["period"].Success && !m.Groups["months"].Success && !m.Groups["yearly"].Success;
        if (bare && unit is not ("k" or "K") && !PayWord().IsMatch(text.AsSpan(Math.Max(0, m.Index - 6), Math.Min(6, m.Index))))
        {
            return null;
        }

        var multiplier = unit is "万" or "w" or "W" ? 10_000m : 1_000m;
        var min = decimal.Parse(m.Groups["min"].Value, CultureInfo.InvariantCulture) * multiplier;
        var max = m.Groups["max"].Success ? decimal.Parse(m.Groups["max"].Value, CultureInfo.InvariantCulture) * multiplier : min;
        if (max < min) return null;
        int? months = m.Groups["months"].Success ? int.Parse(m.Groups["months"].Value, CultureInfo.InvariantCulture) : null;
        var suffix = m.Groups["period"].Value;
        // BOSS直聘 quotes monthly pay in K; 万 without a period is yearly when large ("30-50万"), monthly when small ("1-2万").
        var period = ChinesePeriodOf(suffix) ?? (multiplier == 1_000m || max < 150_000m ? SalaryPeriod.Month : SalaryPeriod.Year);
        if (m.Groups["yearly"].Success) period = SalaryPeriod.Year;
        return Plausible(min, max, period) ? new SalaryRange(min, max, "CNY", period, months) : null;
    }

    /// <summary>
    /// True when the ad says the pay is to be agreed ("面议", "salary negotiable") instead of stating it.
    /// Only asked when <see cref="Find"/> found no range: an ad with a range and "面议" elsewhere has a range.
    /// </summary>
    public static bool IsNegotiable(string text) => Negotiable().IsMatch(text);

    private static SalaryRange? FromYuan(Match m)
    {
        var min = decimal.Parse(m.Groups["min"].Value, CultureInfo.InvariantCulture);
        var max = m.Groups["max"].Success ? decimal.Parse(m.Groups["max"].Value, CultureInfo.InvariantCulture) : min;
        if (max < min) return null;
        var period = ChinesePeriodOf(m.Groups["period"].Value)!.Value; // the pattern requires one
        return Plausible(min, max, period) ? new SalaryRange(min, max, "CNY", period, null) : null;
    }

    private static SalaryPeriod? ChinesePeriodOf(string suffix) => suffix switch
    {
        "年" => SalaryPeriod.Year,
        "月" => SalaryPeriod.Month,
        "天" or "日" => SalaryPeriod.Day,
        "时" or "小时" => SalaryPeriod.Hour,
        _ => null,
    };

    private static SalaryRange? FromWestern(Match m, bool chineseText)
    {
        var symbol = m.Groups["cur1"].Success ? m.Groups["cur1"].Value
            : m.Groups["cur2"].Success ? m.Groups["cur2"].Value
            : m.Groups["cur3"].Success ? m.Groups["cur3"].Value : null;
        var minK = m.Groups["k1"].Success;
        var maxK = m.Groups["k2"].Success;
        if (symbol is null && !minK && !maxK) return null;

        var min = ParseAmount(m.Groups["min"].Value);
        var max = m.Groups["max"].Success ? ParseAmount(m.Groups["max"].Value) : min;
        if (min is null || max is null) return null;
        // "$170-225K": the K written once applies to both ends.
        if (maxK || (minK && !m.Groups["max"].Success)) max *= 1000;
        if (minK || (maxK && min < 1000)) min *= 1000;
        if (max < min) return null;

        var period = PeriodOf(m.Groups["period"].Value);
        if (period == SalaryPeriod.Unknown)
        {
            // Without a stated period, amounts in the tens of thousands are yearly pay in Western ads.
            if (min >= 10_000) period = chineseText && symbol is "¥" or "RMB" or "CNY" ? SalaryPeriod.Month : SalaryPeriod.Year;
            else return null;
        }
        var currency = CurrencyOf(symbol, chineseText);
        return Plausible(min.Value, max.Value, period) ? new SalaryRange(min.Value, max.Value, currency, period, null) : null;
    }

    private static decimal? ParseAmount(string raw)
    {
        // "180,000", "180.000" (European thousands), "180 000" and "1.5" all occur.
        var compact = raw.Replace(" ", "", StringComparison.Ordinal).Replace("\u202F", "", StringComparison.Ordinal);
        if (ThousandsSeparated().IsMatch(compact))
        {
            compact = compact.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        }
        return decimal.TryParse(compact, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static SalaryPeriod PeriodOf(string raw)
    {
        var p = raw.Trim().ToUpperInvariant();
        if (p.Length == 0) return SalaryPeriod.Unknown;
        // Month before hour: "per month" ends in an H.
        if (p.Contains("MONTH", StringComparison.Ordinal) || p.EndsWith("MO", StringComparison.Ordinal)) return SalaryPeriod.Month;
        if (p.Contains("DAY", StringComparison.Ordinal) || p.Contains("DAILY", StringComparison.Ordinal)) return SalaryPeriod.Day;
        if (p.Contains("HOUR", StringComparison.Ordinal) || p.EndsWith("HR", StringComparison.Ordinal) || p.EndsWith('H')) return SalaryPeriod.Hour;
        return SalaryPeriod.Year;
    }

    private static string? CurrencyOf(string? symbol, bool chineseText) => symbol?.ToUpperInvariant() switch
    {
        null => null,
        "$" or "US$" or "USD" => "USD",
        "C$" or "CA$" or "CAD" => "CAD",
        "A$" or "AU$" or "AUD" => "AUD",
        "€" or "EUR" => "EUR",
        "£" or "GBP" => "GBP",
        "¥" => chineseText ? "CNY" : "JPY",
        "RMB" or "CNY" => "CNY",
        "₹" or "INR" => "INR",
        "CHF" => "CHF",
        "SGD" or "S$" => "SGD",
        var other => other,
    };

    private static bool Plausible(decimal min, decimal max, SalaryPeriod period) => period switch
    {
        SalaryPeriod.Year => min >= 5_000 && max <= 5_000_000,
        SalaryPeriod.Month => min >= 500 && max <= 1_000_000,
        SalaryPeriod.Day => min >= 20 && max <= 20_000,
        SalaryPeriod.Hour => min >= 5 && max <= 2_000,
        _ => false,
    };

    private const string Currency = @"US\$|CA\$|AU\$|C\$|A\$|S\$|\$|€|£|¥|₹|USD|EUR|GBP|CAD|AUD|CHF|INR|SGD|RMB|CNY";
    private const string Amount = @"\d{1,3}(?:[,.  ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";
    // A K/k must not start a word ("$200 kits"); B, M, mil, MM after the amount mean funding, not pay.
    private const string K = @"[kK](?![a-zA-Z])";

    [GeneratedRegex(@"(?<![\w$€£¥₹.])(?:(?<cur1>" + Currency + @")\s?)?(?<min>" + Amount + @")\s?(?<k1>" + K + @")?"
        + @"(?:\s?(?:-|–|—|~|to)\s?(?:(?<cur2>" + Currency + @")\s?)?(?<max>" + Amount + @")\s?(?<k2>" + K + @")?)?"
        // The look-ahead is bounded: unbounded, it rescanned a long run of digits and commas from every amount in it.
        + @"(?![\d,.]{0,32}\s?(?:[bBmM](?![a-zA-Z])|mil|MM|bn|billion|million|%))\+?"
        + @"(?:\s?(?<cur3>USD|EUR|GBP|CAD|AUD|CHF|INR|SGD)\b)?"
        + @"(?<period>\s?(?:/|per\s|an?\s)\s?(?:year|yr|annum|hour|hr|h\b|month|mo|day)|\s(?:annually|yearly|hourly|monthly|daily|p\.?a\.?)\b)?", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex WesternSalary();

    // Not inside a Latin word: a crawled ad's URL ("?lid=1WDRceOcLYk") is not "1万".
    [GeneratedRegex(@"(?<![\d$€£.A-Za-z])(?<yearly>年薪\s*)?(?<min>\d+(?:\.\d+)?)\s*(?:[kK千万wW]\s*)?(?:[-~～至到]\s*(?<max>\d+(?:\.\d+)?))?\s*(?<unit>[kK千万wW](?![A-Za-z0-9]))(?:\s*(?:元)?\s*/\s*(?<period>年|月|天|日|小时|时))?(?:\s*[·•・]\s*(?<months>\d{2})\s*薪)?", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex ChineseSalary();

    [GeneratedRegex(@"(?<![\d$€£.])(?<min>\d+(?:\.\d+)?)\s*(?:元\s*)?(?:[-~～至到]\s*(?<max>\d+(?:\.\d+)?)\s*)?元\s*/\s*(?<period>年|月|天|日|小时|时)", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex YuanRate();

    [GeneratedRegex(@"薪资面议|工资面议|面议|\b(?:salary|pay|compensation)\s*(?:is\s*|:\s*)?negotiable\b|\bnegotiable\s+(?:salary|pay|compensation)\b", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Negotiable();

    [GeneratedRegex("薪|工资|待遇|收入|报酬", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex PayWord();

    [GeneratedRegex(@"^\d{1,3}([,.]\d{3})+$", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex ThousandsSeparated();
}
