using System.Text.RegularExpressions;

namespace TalentMatch.Core.Skills.Matching;

/// <summary>
/// Sentence-level reading of one document: where sentences and clauses end, which section each position is in,
/// and where the requirement, proficiency and years cues are. Built once per document, queried per mention.
/// </summary>
internal sealed partial class SentenceContext
{
    private readonly string _text;
    private readonly List<int> _sentenceStarts = [0];
    private readonly List<int> _clauseStarts = [0];
    private readonly List<int> _preferred = [];   // cue start positions
    private readonly List<int> _required = [];
    private readonly List<(int Start, int End, Proficiency Level)> _proficiency = [];
    private readonly List<(int Position, Section Section)> _sections = [];
    private readonly List<(int Start, int End, int Years)> _years = [];

    public SentenceContext(Document doc, Pattern[] patterns)
    {
        _text = doc.Folded.Text;
        SplitSentences();
        var lastProficiencyEnd = -1;
        foreach (var hit in doc.CueHits)
        {
            var p = patterns[hit.Pattern];
            if (p.Preferred)
            {
                _preferred.Add(hit.Start);
            }

            if (p.Required || p.Proficiency is not null)
            {
                _required.Add(hit.Start);
            }

            // Cue hits are sorted by start, longest first: a longer cue ("熟练掌握") hides the shorter ones inside it.
            if (p.Proficiency is { } level && hit.Start >= lastProficiencyEnd)
            {
                _proficiency.Add((hit.Start, hit.End, level));
                lastProficiencyEnd = hit.End;
            }

            // A heading about the job ends the employer's section even inside a run-on line ("职位诱惑：…初创团队氛围岗位职责：1.…").
            if (p.Heading != Section.None && (IsHeading(hit.Start, hit.End) || (p.Heading != Section.Company && ColonFollows(hit.End))))
            {
                _sections.Add((hit.Start, p.Heading));
            }
        }

        AddBracketedHeadings();

        foreach (var match in YearsPattern().EnumerateMatches(_text))
        {
            if (ParseYears(_text.AsSpan(match.Index, match.Length)) is { } years)
            {
                _years.Add((match.Index, match.Index + match.Length, years));
            }
        }
    }

    public RequirementLevel LevelOf(int start, int end)
    {
        if (InCompanySection(start))
        {
            return RequirementLevel.Mentioned; // "公司具有大数据…能力", "benefits: … learning budget": not asked of the candidate
        }

        var (from, to) = Range(_sentenceStarts, start);
        if (AnyIn(_preferred, from, to))
        {
            return RequirementLevel.Preferred;
        }

        var section = SectionAt(start);
        if (section == Section.Preferred)
        {
            return RequirementLevel.Preferred;
        }

        if (section == Section.Requirements || AnyIn(_required, from, to) || YearsOf(start, end) is not null)
        {
            return RequirementLevel.Required;
        }

        return RequirementLevel.Mentioned;
    }

    /// <summary>The nearest proficiency cue before the mention in the same sentence ("精通Python，熟悉PyTorch").</summary>
    public Proficiency? ProficiencyOf(int start)
    {
        var (from, _) = Range(_sentenceStarts, start);
        for (var i = UpperBoundStart(_proficiency.Count, k => _proficiency[k].Start, start) - 1; i >= 0; i--)
        {
            var cue = _proficiency[i];
            if (cue.Start < from)
            {
                break;
            }

            if (cue.End <= start)
            {
                return cue.Level;
            }
        }

        return null;
    }

    /// <summary>Years stated in the same clause as the mention ("3+ years of PyTorch", "三年以上Python开发经验").</summary>
    public int? YearsOf(int start, int end)
    {
        var (from, to) = Range(_clauseStarts, start);
        int? best = null;
        // Only the clause's statements (sorted by position): a mention does not read every "3 years" of the document.
        for (var i = UpperBoundStart(_years.Count, k => _years[k].Start, from); i < _years.Count && _years[i].Start < to; i++)
        {
            var (s, e, years) = _years[i];
            if (e <= to && (e <= start || s >= end) && (best is null || years > best))
            {
                best = years;
            }
        }

        return best;
    }

    /// <summary>Whether the position is under a heading about the employer or its benefits (<see cref="Section.Company"/>).</summary>
    public bool InCompanySection(int position) => SectionAt(position) == Section.Company;

    /// <summary>The last heading at or before the position (sections are sorted by position): a binary search, as a document may have thousands.</summary>
    private Section SectionAt(int position)
    {
        var after = UpperBoundStart(_sections.Count, k => _sections[k].Position, position + 1);
        return after == 0 ? Section.None : _sections[after - 1].Section;
    }

    private void SplitSentences()
    {
        for (var i = 0; i < _text.Length; i++)
        {
            var c = _text[i];
            var endsSentence = c is '\n' or '。' or '；' or ';' or '!' or '！' or '?' or '？' or '•'
                || (c == '.' && i + 1 < _text.Length && _text[i + 1] is ' ' or '\n' && !IsAbbreviation(i));
            if (endsSentence)
            {
                _sentenceStarts.Add(i + 1);
                _clauseStarts.Add(i + 1);
            }
            else if (c is '，' or ',' or ':' or '：')
            {
                _clauseStarts.Add(i + 1);
            }
        }
    }

    private bool IsAbbreviation(int dot) =>
        (dot >= 3 && _text.AsSpan(dot - 3, 3) is "e.g" or "i.e") || (dot >= 3 && _text.AsSpan(dot - 3, 3) is "etc");

    /// <summary>
    /// A heading is (nearly) alone on its line ("职位要求", "### Requirements"), or starts a line or sentence and is
    /// followed by a colon ("Requirements: …", "任职要求：1、…"). "…会是一个加分项。" is prose, not a heading.
    /// </summary>
    private bool IsHeading(int start, int end)
    {
        // The line around the cue, read at most HeadingWindow characters either way: a run-on line (a scraped ad, or a hostile
        // megabyte without a newline) is prose beyond that, and reading all of it for every cue would cost its square.
        var back = Math.Min(start, HeadingWindow);
        var newline = start == 0 ? -1 : _text.LastIndexOf('\n', start - 1, back);
        var lineStart = newline >= 0 ? newline + 1 : start - back;
        var forward = Math.Min(_text.Length - end, HeadingWindow);
        var lineEnd = _text.IndexOf('\n', end, forward) is var next and >= 0 ? next : end + forward;
        const string Decoration = " #*-•:：【】[]()（）0123456789.、";
        var before = _text.AsSpan(lineStart, start - lineStart).Trim(Decoration);
        var after = _text.AsSpan(end, lineEnd - end).Trim(Decoration);
        if (before.Length + after.Length <= MaxHeadingExtra || IsBracketed(start, end))
        {
            return true;
        }

        var colonFollows = ColonFollows(end);
        var previous = _text.AsSpan(lineStart, start - lineStart).TrimEnd(" #*•\t");
        var startsUnit = previous.IsEmpty || previous[^1] is '.' or '。' or '；' or ';' or '•' or ':' or '：' || before.IsEmpty;
        return colonFollows && startsUnit;
    }

    private const int MaxHeadingExtra = 6;
    private const int HeadingWindow = 256;

    /// <summary>
    /// Chinese ads mark headings with 【】 anywhere in a run-on line ("…提拔产生：…【你的工作】1、学习…"). A bracketed heading
    /// with a known cue inside ("【集团简介】") is found by <see cref="IsHeading"/>; any other one ("【你的工作】",
    /// "【你需要具备】") still starts a new part of the ad, so it ends the employer's section (<see cref="Section.None"/>),
    /// unless it speaks of the employer or what it gives ("【我们是家怎样的公司】", "【成为我们的一员，你将获得】").
    /// </summary>
    private void AddBracketedHeadings()
    {
        var known = _sections.Count;
        var nextCue = 0; // the cues' headings are sorted by position: one pass over them for all brackets
        for (var open = _text.IndexOf('【'); open >= 0; open = _text.IndexOf('【', open + 1))
        {
            // Looked for within a heading's length only: a text of many 【 and no 】 costs one pass, not its square.
            var close = _text.IndexOf('】', open + 1, Math.Min(MaxBracketedHeading + 1, _text.Length - open - 1));
            if (close < 0 || close == open + 1)
            {
                continue;
            }

            while (nextCue < known && _sections[nextCue].Position <= open)
            {
                nextCue++;
            }

            var hasCue = nextCue < known && _sections[nextCue].Position < close;

            if (!hasCue)
            {
                var inner = _text.Substring(open + 1, close - open - 1);
                var aboutEmployer = Cues.EmployerHeadingWords.Any(w => inner.Contains(w, StringComparison.Ordinal));
                _sections.Add((open, aboutEmployer ? Section.Company : Section.None));
            }
        }

        if (_sections.Count > known)
        {
            var ordered = _sections.OrderBy(s => s.Position).ToList(); // stable: cues at one position keep their order
            _sections.Clear();
            _sections.AddRange(ordered);
        }
    }

    private const int MaxBracketedHeading = 12;

    private bool IsBracketed(int start, int end) =>
        _text.AsSpan(0, start).TrimEnd(' ') is [.., '【'] && _text.AsSpan(end).TrimStart(' ') is ['】', ..];

    private bool ColonFollows(int end)
    {
        var rest = _text.AsSpan(end).TrimStart(' ');
        return !rest.IsEmpty && rest[0] is ':' or '：';
    }

    private static (int From, int To) Range(List<int> starts, int position)
    {
        var index = starts.BinarySearch(position);
        index = index >= 0 ? index : ~index - 1;
        var to = index + 1 < starts.Count ? starts[index + 1] : int.MaxValue;
        return (starts[index], to);
    }

    private static bool AnyIn(List<int> positions, int from, int to)
    {
        var index = positions.BinarySearch(from);
        index = index >= 0 ? index : ~index;
        return index < positions.Count && positions[index] < to;
    }

    private static int UpperBoundStart(int count, Func<int, int> startAt, int position)
    {
        int lo = 0, hi = count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (startAt(mid) < position)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int? ParseYears(ReadOnlySpan<char> match)
    {
        var digits = 0;
        var i = 0;
        if (char.IsAsciiDigit(match[0]))
        {
            while (i < match.Length && char.IsAsciiDigit(match[i]))
            {
                digits = (digits * 10) + (match[i++] - '0');
            }
        }
        else
        {
            // Chinese numerals up to 99: 三, 十, 十五, 二十, 两.
            var tens = 0;
            var units = 0;
            for (; i < match.Length && ChineseDigit(match[i]) is { } d; i++)
            {
                if (d == 10)
                {
                    tens = units == 0 ? 1 : units;
                    units = 0;
                }
                else
                {
                    units = d;
                }
            }

            digits = (tens * 10) + units;
        }

        return digits is >= 1 and <= 40 ? digits : null;
    }

    private static int? ChineseDigit(char c) => c switch
    {
        '一' => 1, '二' or '两' => 2, '三' => 3, '四' => 4, '五' => 5, '六' => 6, '七' => 7, '八' => 8, '九' => 9, '十' => 10,
        _ => null,
    };

    // "3+ years", "5 yrs", "3 5年" (3-5年 after folding), "三年以上", "十年". The look-behind keeps "2024年" out.
    [GeneratedRegex(@"(?<![\d一二两三四五六七八九十.])(?:\d{1,2}|[一二两三四五六七八九十]{1,3})(?: ?(?:~|到|至| )? ?(?:\d{1,2}|[一二两三四五六七八九十]{1,3}))? ?\+? ?(?:years?|yrs?|年)(?![级薪度代月初底内前后])",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 2000)]
    private static partial Regex YearsPattern();
}
