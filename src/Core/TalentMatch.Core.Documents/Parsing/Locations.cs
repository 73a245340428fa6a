using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace TalentMatch.Core.Documents;

/// <summary>
/// Places in resumes and job ads, English and Chinese, normalised to one English name so that both sides, the
/// location filter and its facet agree: "北京", "北京市·海淀区", "Beijing, China" and "beijing" are all "Beijing";
/// "远程", "Remote (US)" and "WFH" are "Remote". A place this list does not know keeps its own first part
/// ("Austin, TX" stays "Austin, TX"): unknown places are not guessed, just not merged.
/// </summary>
public static partial class Locations
{
    public const string Remote = "Remote";

    // English name → its other spellings (Chinese, with and without 市, and common English variants).
    private static readonly (string Name, string[] Aliases)[] Places =
    [
        ("Beijing", ["北京", "北京市", "Peking"]), ("Shanghai", ["上海", "上海市"]), ("Shenzhen", ["深圳", "深圳市"]),
        ("Guangzhou", ["广州", "广州市", "Canton"]), ("Hangzhou", ["杭州", "杭州市"]), ("Chengdu", ["成都", "成都市"]),
        ("Nanjing", ["南京", "南京市"]), ("Wuhan", ["武汉", "武汉市"]), ("Xi'an", ["西安", "西安市", "Xian"]),
        ("Suzhou", ["苏州", "苏州市"]), ("Tianjin", ["天津", "天津市"]), ("Chongqing", ["重庆", "重庆市"]),
        ("Hefei", ["合肥", "合肥市"]), ("Changsha", ["长沙", "长沙市"]), ("Xiamen", ["厦门", "厦门市"]),
        ("Qingdao", ["青岛", "青岛市"]), ("Dalian", ["大连", "大连市"]), ("Jinan", ["济南", "济南市"]),
        ("Zhengzhou", ["郑州", "郑州市"]), ("Shenyang", ["沈阳", "沈阳市"]), ("Zhuhai", ["珠海", "珠海市"]),
        ("Dongguan", ["东莞", "东莞市"]), ("Ningbo", ["宁波", "宁波市"]), ("Wuxi", ["无锡", "无锡市"]),
        ("Hong Kong", ["香港", "HK"]), ("Macau", ["澳门", "Macao"]), ("Taipei", ["台北", "台北市"]),
        ("Singapore", ["新加坡"]), ("Tokyo", ["东京"]), ("Seoul", ["首尔"]),
        ("San Francisco", ["旧金山", "SF", "San Francisco Bay Area", "Bay Area"]), ("New York", ["纽约", "NYC", "New York City"]),
        ("Seattle", ["西雅图"]), ("Los Angeles", ["洛杉矶", "LA"]), ("Boston", ["波士顿"]), ("Austin", []),
        ("Mountain View", []), ("Palo Alto", []), ("San Jose", ["圣何塞"]), ("Sunnyvale", []), ("Chicago", ["芝加哥"]),
        ("London", ["伦敦"]), ("Berlin", ["柏林"]), ("Munich", ["慕尼黑", "München"]), ("Paris", ["巴黎"]),
        ("Amsterdam", ["阿姆斯特丹"]), ("Zurich", ["苏黎世", "Zürich"]), ("Dublin", ["都柏林"]), ("Toronto", ["多伦多"]),
        ("Vancouver", ["温哥华"]), ("Montreal", ["蒙特利尔"]), ("Sydney", ["悉尼"]), ("Melbourne", ["墨尔本"]),
        ("Tel Aviv", ["特拉维夫"]), ("Bangalore", ["班加罗尔", "Bengaluru"]), ("Hyderabad", []), ("Pune", []),
        ("Mumbai", ["孟买", "Bombay"]), ("Delhi", ["New Delhi", "德里"]), ("Dubai", ["迪拜"]),
    ];

    private static readonly string[] RemoteWords = ["remote", "远程", "wfh", "work from home", "居家办公", "fully remote", "anywhere"];

    private static readonly FrozenDictionary<string, string> ByAlias = BuildAliases();

    /// <summary>The normalised place of a location string; null for an empty one.</summary>
    public static string? Normalise(string? location)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            return null;
        }

        var trimmed = location.Trim();
        if (Known(trimmed) is { } whole)
        {
            return whole;
        }

        // "北京·海淀区", "Beijing, China", "Berlin (hybrid)": the first part names the place.
        var head = Separators().Split(trimmed, 2)[0].Trim();
        if (Known(head) is { } known)
        {
            return known;
        }

        // "北京市海淀区", "上海浦东": a Chinese city name at the start, with no separator after it.
        foreach (var (alias, name) in ByAlias)
        {
            if (alias.Length >= 2 && NormalizedCjk(alias) && trimmed.StartsWith(alias, StringComparison.Ordinal))
            {
                return name;
            }
        }

        return RemoteWords.Any(w => trimmed.StartsWith(w, StringComparison.OrdinalIgnoreCase)) ? Remote : trimmed;
    }

    /// <summary>
    /// Where a resume's author is, from its head (the first lines, where contact details are) or a labelled line
    /// ("Location: Berlin", "现居：上海", "所在地 北京"): the first known place, normalised; null when none.
    /// </summary>
    public static string? InResume(string text)
    {
        foreach (Match m in LabelledLocation().Matches(text))
        {
            // "Location: Berlin, Germany" is Berlin; "Address: 12 Main St, Springfield" names no place we know, and a
            // street is no use to matching: a short unknown value ("Austin, TX") is kept as written.
            var value = m.Groups["place"].Value.Trim();
            var normalised = Normalise(value)!;
            if (ByAlias.ContainsKey(normalised) || normalised == Remote)
            {
                return normalised;
            }

            if (FirstKnownPlace(value) is { } named)
            {
                return named;
            }

            if (value.Length <= 30 && !value.Any(char.IsAsciiDigit))
            {
                return normalised;
            }
        }

        // The first line is the name ("Austin Lee", "Paris Chen"); contact details follow it.
        var head = string.Join('\n', text.Split('\n').Skip(1).Take(HeadLines));
        return FirstKnownPlace(head);
    }

    /// <summary>The first place of the list named in <paramref name="text"/> (a whole word in English), normalised.</summary>
    public static string? FirstKnownPlace(string text)
    {
        string? found = null;
        var at = int.MaxValue;
        foreach (var (alias, name) in ByAlias)
        {
            // Short English aliases (SF, LA, HK) are too ambiguous in running text; only full names count here.
            if (!NormalizedCjk(alias) && alias.Length < 4)
            {
                continue;
            }

            var index = IndexOfPlace(text, alias);
            if (index >= 0 && index < at)
            {
                (found, at) = (name, index);
            }
        }

        return found;
    }

    private const int HeadLines = 8;

    private static int IndexOfPlace(string text, string alias)
    {
        var from = 0;
        while ((from = text.IndexOf(alias, from, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var end = from + alias.Length;
            var wordStart = from == 0 || !char.IsAsciiLetter(text[from - 1]);
            var wordEnd = end == text.Length || !char.IsAsciiLetter(text[end]);
            if (NormalizedCjk(alias) || (wordStart && wordEnd))
            {
                return from;
            }

            from = end;
        }

        return -1;
    }

    private static string? Known(string value) =>
        ByAlias.TryGetValue(value, out var name) ? name
        : RemoteWords.Contains(value, StringComparer.OrdinalIgnoreCase) ? Remote
        : null;

    private static bool NormalizedCjk(string s) => s.Length > 0 && s[0] >= '\u4e00' && s[0] <= '\u9fff';

    private static FrozenDictionary<string, string> BuildAliases()
    {
        var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, others) in Places)
        {
            aliases[name] = name;
            foreach (var other in others)
            {
                aliases[other] = name;
            }
        }

        return aliases.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"\s*(?:[,，·•|/()（）]|\s-\s)\s*", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Separators();

    [GeneratedRegex(@"(?im)^[ \t•\-]*(?:location|address|current location|city|现居(?:住地|地|城市)?|所在地|居住地|所在城市|城市|地址)[ \t]*[:：][ \t]*(?<place>[^\n]{2,60})$", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex LabelledLocation();
}
