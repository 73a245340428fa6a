using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TalentMatch.Core.Skills.Linking;

/// <summary>An item of a skill list that no alias matched: the cleaned phrase and where it stands.</summary>
/// <param name="Phrase">The item without cue words, versions and punctuation ("Kibana" from "experience with Kibana 7.10").</param>
/// <param name="Start">Offset of the phrase in the text (of the whole item when cleaning changed more than its ends).</param>
/// <param name="End">End offset, exclusive.</param>
/// <param name="LineStart">Start of the line or sentence holding the list.</param>
/// <param name="LineEnd">End of that line or sentence.</param>
internal readonly record struct UnknownItem(string Phrase, int Start, int End, int LineStart, int LineEnd);

/// <summary>
/// The one reading of "a phrase in a skill list that the taxonomy does not know", shared by taxonomy growth
/// (<see cref="TaxonomySuggester"/>) and semantic linking (<see cref="SemanticLinker"/>). A list is a line or
/// sentence split at list separators (<c>, ， 、 / | • :</c>, "and", 和 …); an unknown item counts when it stands
/// next to an item the extractor recognised, so "Python, Kibana, Docker" yields Kibana and "熟悉Python、仓颉语言"
/// yields 仓颉语言, while prose without known skills, dates and places yield nothing. Proficiency and requirement
/// words around an item (熟悉, 精通, "experience with", 等, "etc") are trimmed, and version numbers dropped.
/// </summary>
internal static partial class UnknownListItems
{
    /// <summary>Longest phrase kept, in characters; longer items are sentences, not names.</summary>
    public const int MaxPhraseLength = 40;

    /// <summary>Longest evidence span looked back for; an alias longer than this is clipped to it for the overlap test.</summary>
    public const int MaxSpanLength = 256;

    private const int MaxLatinWords = 4;
    private const int MaxChineseCharacters = 12;

    private static readonly SearchValues<char> VersionCharacters = SearchValues.Create("0123456789.xXgGcCiIrR+");
    private static readonly char[] LineBreaks = ['\n', '\r', '。', '；', ';', '!', '！', '?', '？'];
    private static readonly char[] ItemSeparators = [',', '，', '、', '/', '|', '•', '●', '▪', '◦', '·', '*', ':', '：', '(', ')', '（', '）', '[', ']', '【', '】', '\t', '"', '“', '”'];
    private static readonly string[] ItemWords = [" and ", " or ", " & ", "以及", "或者", "和", "及", "与", "或"];

    private static readonly string[] LeadingCues =
    [
        "熟练掌握", "熟练使用", "熟练运用", "熟悉使用", "会使用", "熟练", "熟悉", "精通", "掌握", "了解", "使用", "具备", "具有", "擅长",
        "experience with", "experience in", "knowledge of", "proficient in", "proficiency in", "familiar with", "familiarity with",
        "hands on with", "hands-on with", "hands on", "hands-on", "basics of", "worked on", "working with", "using", "with", "in", "of",
        "and", "or", "e.g.", "eg", "including", "such as", "like",
    ];

    private static readonly string[] TrailingCues =
    [
        "等开发工具", "等工具", "等框架", "等技术", "等语言", "开发经验", "使用经验", "相关经验", "经验", "的使用", "等", "etc.", "etc", "experience", "skills", "knowledge",
    ];

    /// <summary>Words that head a list or fill a table and name no skill ("Tools:", "Skill Details", "24 months").</summary>
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "skills", "skill", "skill set", "skill details", "key skills", "technical skills", "tools", "tool", "technologies", "technology",
        "languages", "language", "frameworks", "framework", "software", "others", "other", "platforms", "platform", "environment",
        "experience", "exprience", "knowledge", "projects", "project", "team", "work", "good", "excellent", "strong", "basic", "basics",
        "advanced", "intermediate", "beginner", "expert", "months", "month", "years", "year", "less than 1 year months", "less than", "description",
        "company", "details", "responsibilities", "education", "education details", "etc", "web", "ide", "ides", "os", "db",
        "operating systems", "operating system", "version control", "databases", "database", "web technologies", "programming",
        "scripting", "methodologies", "tools & technologies", "technical proficiency", "areas of expertise", "expertise",
        "技能", "专业技能", "工具", "技术", "框架", "语言", "经验", "能力", "项目", "工作", "开发", "熟悉", "精通", "了解", "掌握", "相关",
        "优先", "以上", "其他", "等", "岗位职责", "任职要求", "岗位要求", "职位要求", "以上学历", "本科", "硕士", "博士",
    };

    /// <summary>
    /// The unknown items of <paramref name="text"/>'s skill lists, in text order. <paramref name="spans"/> are the
    /// extractor's evidence spans in <paramref name="text"/>, sorted by start.
    /// </summary>
    public static IEnumerable<UnknownItem> Find(string text, IReadOnlyList<(int Start, int End)> spans)
    {
        for (var start = 0; spans.Count > 0 && start < text.Length;)
        {
            var end = LineEnd(text, start);
            if (HasSkillWithin(spans, start, end))
            {
                foreach (var item in ReadList(text, start, end, spans))
                {
                    yield return item;
                }
            }

            start = end + 1;
        }
    }

    /// <summary>Evidence spans of an extraction, clipped and sorted as <see cref="Find"/> wants them.</summary>
    public static List<(int Start, int End)> SpansOf(ExtractionResult result) =>
        [.. result.Skills.SelectMany(s => s.Evidence).Select(e => (e.Start, End: Math.Min(e.End, e.Start + MaxSpanLength))).Order()];

    /// <summary>A phrase's identity for counting and de-duplication: NFKC, lower case, single spaces.</summary>
    public static string Key(string phrase)
    {
        var builder = new StringBuilder(phrase.Length);
        foreach (var c in phrase.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString().TrimEnd();
    }

    public static bool IsChinese(char c) => c is >= '\u4e00' and <= '\u9fff';

    /// <summary>
    /// Splits a list into items and yields each unknown item that stands next to a known skill ("Python, Kibana",
    /// "熟悉Python、仓颉语言"): adjacency, not the line as a whole, is what makes an item part of a skill list, so the
    /// dates and places of a long line with one skill in it yield nothing.
    /// </summary>
    private static List<UnknownItem> ReadList(string text, int lineStart, int lineEnd, IReadOnlyList<(int Start, int End)> spans)
    {
        var items = new List<(bool Known, UnknownItem? Item)>();
        var itemStart = lineStart;
        for (var i = lineStart; i <= lineEnd; i++)
        {
            var separatorLength = i == lineEnd ? 1 : SeparatorAt(text, i, lineEnd);
            if (separatorLength == 0)
            {
                continue;
            }

            if (i > itemStart || i == lineEnd)
            {
                // A known skill inside the item makes it known: "PyTorch框架" is PyTorch, not a new phrase. An item
                // ending in a colon labels the list ("Programming Languages: …"), whether or not the extractor kept it.
                var known = Overlaps(spans, itemStart, i);
                var label = i < lineEnd && text[i] is ':' or '：';
                var phrase = known || label ? null : Clean(text.AsSpan(itemStart, i - itemStart));
                if (known || phrase is not null || !text.AsSpan(itemStart, i - itemStart).IsWhiteSpace())
                {
                    items.Add((known, phrase is null ? null : Locate(text, phrase, itemStart, i, lineStart, lineEnd)));
                }
            }

            itemStart = i + separatorLength;
            i = itemStart - 1;
        }

        var found = new List<UnknownItem>();
        for (var k = 0; k < items.Count; k++)
        {
            var besideKnown = (k > 0 && items[k - 1].Known) || (k + 1 < items.Count && items[k + 1].Known);
            if (items[k].Item is { } item && besideKnown)
            {
                found.Add(item);
            }
        }

        return found;
    }

    /// <summary>The cleaned phrase's place in its item: cleaning trims the ends, so it is usually found as written.</summary>
    private static UnknownItem Locate(string text, string phrase, int itemStart, int itemEnd, int lineStart, int lineEnd)
    {
        var at = text.IndexOf(phrase, itemStart, itemEnd - itemStart, StringComparison.OrdinalIgnoreCase);
        return at >= 0
            ? new UnknownItem(phrase, at, at + phrase.Length, lineStart, lineEnd)
            : new UnknownItem(phrase, itemStart, itemEnd, lineStart, lineEnd);
    }

    /// <summary>Where the line or sentence from <paramref name="start"/> ends: a line break, 。；!? or ". ".</summary>
    private static int LineEnd(string text, int start)
    {
        var end = text.IndexOfAny(LineBreaks, start);
        end = end < 0 ? text.Length : end;
        var period = text.IndexOf(". ", start, end - start, StringComparison.Ordinal);
        return period < 0 ? end : period;
    }

    private static int SeparatorAt(string text, int i, int lineEnd)
    {
        if (Array.IndexOf(ItemSeparators, text[i]) >= 0)
        {
            return 1;
        }

        // "and" / "or" need spaces around them; a Chinese conjunction stands between two Chinese items.
        foreach (var word in ItemWords)
        {
            if (i + word.Length <= lineEnd && string.CompareOrdinal(text, i, word, 0, word.Length) == 0)
            {
                return word.Length;
            }
        }

        return 0;
    }

    /// <summary>The item without cue words, versions and punctuation; null when what is left names nothing.</summary>
    private static string? Clean(ReadOnlySpan<char> item)
    {
        // Bullets and their mojibake ("â¢", "➢", "\xef\x82\xa7") before the item are decoration.
        var s = item.ToString();
        var first = 0;
        while (first < s.Length && !char.IsAsciiLetterOrDigit(s[first]) && !IsChinese(s[first]) && s[first] is not ('.' or '#'))
        {
            first++;
        }

        s = s[first..].Trim(" \t-–—>~'`_=+".ToCharArray());
        if (s.StartsWith('â'))
        {
            s = s.TrimStart('â', '¢', ' ');
        }

        for (var changed = true; changed && s.Length > 0;)
        {
            changed = false;
            foreach (var cue in LeadingCues)
            {
                if (s.StartsWith(cue, StringComparison.OrdinalIgnoreCase) && (IsChinese(cue[0]) || s.Length == cue.Length || !char.IsLetterOrDigit(s[cue.Length])))
                {
                    s = s[cue.Length..].TrimStart(" -–.".ToCharArray());
                    changed = true;
                }
            }

            foreach (var cue in TrailingCues)
            {
                if (s.EndsWith(cue, StringComparison.OrdinalIgnoreCase) && (IsChinese(cue[0]) || s.Length == cue.Length || !char.IsLetterOrDigit(s[^(cue.Length + 1)])))
                {
                    s = s[..^cue.Length].TrimEnd(" -–.".ToCharArray());
                    changed = true;
                }
            }
        }

        s = StripVersion(s);
        if (Duration().IsMatch(s))
        {
            return null;
        }

        var chinese = s.Count(IsChinese);
        var latinWords = s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var valid = s.Length >= 2 && s.Length <= MaxPhraseLength && s.Any(char.IsLetter)
            && chinese <= MaxChineseCharacters && (chinese > 0 || latinWords <= MaxLatinWords)
            && (chinese > 0 || s.Any(c => char.IsUpper(c) || char.IsDigit(c) || c is '+' or '#' or '.')) // names, not "design", "analysis"
            && !Generic.Contains(Key(s)) && !s.Contains('@', StringComparison.Ordinal) && !s.StartsWith("http", StringComparison.OrdinalIgnoreCase);
        return valid ? s : null;
    }

    /// <summary>"Eclipse 4.2", "Oracle 11g", "Angular v6" → the name; "Python3" keeps its digit (no space before it).</summary>
    private static string StripVersion(string s)
    {
        var space = s.LastIndexOf(' ');
        if (space <= 0)
        {
            return s;
        }

        var last = s.AsSpan(space + 1).TrimStart('v');
        var isVersion = last.Length > 0 && char.IsDigit(last[0]) && last.Length <= 6
            && last.IndexOfAnyExcept(VersionCharacters) < 0;
        return isVersion ? s[..space].TrimEnd() : s;
    }

    /// <summary>"2 years", "Less than 1 year", "6 months", "3年": table cells of experience, not names.</summary>
    [GeneratedRegex(@"^(less than |more than )?\d+\+? ?(years?|months?|yrs?|年|个月)( months)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Duration();

    // Spans are sorted by start and short (one alias each), so both look-ups start with a binary search and read
    // only the spans that can touch the range: a long document with many lines costs lines × log(spans), not lines × spans.
    private static bool HasSkillWithin(IReadOnlyList<(int Start, int End)> spans, int from, int to)
    {
        for (var i = FirstStartingAtOrAfter(spans, from); i < spans.Count && spans[i].Start < to; i++)
        {
            if (spans[i].End <= to)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Overlaps(IReadOnlyList<(int Start, int End)> spans, int from, int to)
    {
        for (var i = FirstStartingAtOrAfter(spans, from - MaxSpanLength); i < spans.Count && spans[i].Start < to; i++)
        {
            if (spans[i].End > from)
            {
                return true;
            }
        }

        return false;
    }

    private static int FirstStartingAtOrAfter(IReadOnlyList<(int Start, int End)> spans, int position)
    {
        var (lo, hi) = (0, spans.Count);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            (lo, hi) = spans[mid].Start < position ? (mid + 1, hi) : (lo, mid);
        }

        return lo;
    }
}
