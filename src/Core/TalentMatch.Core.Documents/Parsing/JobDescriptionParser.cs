using System.Globalization;
using System.Text.RegularExpressions;
using TalentMatch.Core.Documents.Parsing;

namespace TalentMatch.Core.Documents;

/// <summary>
/// Reads the fields of an English or Chinese job description from its text (as produced by
/// <see cref="DocumentReader"/>). Rules, not a model: every field is traceable to the words that set it.
/// </summary>
public static partial class JobDescriptionParser
{
    private enum JdSection
    {
        Requirements,
        NiceToHave,
        Responsibilities,
        About,
        Benefits,
    }

    private static readonly Dictionary<string, JdSection> Headings = new(StringComparer.Ordinal)
    {
        ["requirements"] = JdSection.Requirements, ["requirement"] = JdSection.Requirements, ["qualifications"] = JdSection.Requirements,
        ["minimum qualifications"] = JdSection.Requirements, ["basic qualifications"] = JdSection.Requirements,
        ["required qualifications"] = JdSection.Requirements, ["what you'll need"] = JdSection.Requirements, ["what you need"] = JdSection.Requirements,
        ["what we're looking for"] = JdSection.Requirements, ["what we are looking for"] = JdSection.Requirements, ["who you are"] = JdSection.Requirements,
        ["you have"] = JdSection.Requirements, ["you should have"] = JdSection.Requirements, ["must have"] = JdSection.Requirements,
        ["must haves"] = JdSection.Requirements, ["skills"] = JdSection.Requirements, ["required skills"] = JdSection.Requirements,
        ["experience"] = JdSection.Requirements, ["about you"] = JdSection.Requirements, ["skills & experience"] = JdSection.Requirements,
        ["what you bring"] = JdSection.Requirements, ["job requirements"] = JdSection.Requirements, ["requirements & qualifications"] = JdSection.Requirements,
        ["职位要求"] = JdSection.Requirements, ["任职要求"] = JdSection.Requirements, ["岗位要求"] = JdSection.Requirements,
        ["任职资格"] = JdSection.Requirements, ["职位要求与技能"] = JdSection.Requirements, ["技能要求"] = JdSection.Requirements, ["要求"] = JdSection.Requirements,
        ["nice to have"] = JdSection.NiceToHave, ["nice to haves"] = JdSection.NiceToHave, ["nice-to-have"] = JdSection.NiceToHave,
        ["preferred qualifications"] = JdSection.NiceToHave, ["preferred"] = JdSection.NiceToHave, ["bonus"] = JdSection.NiceToHave,
        ["bonus points"] = JdSection.NiceToHave, ["pluses"] = JdSection.NiceToHave, ["plus"] = JdSection.NiceToHave,
        ["preferred skills"] = JdSection.NiceToHave, ["it's a plus if you have"] = JdSection.NiceToHave, ["加分项"] = JdSection.NiceToHave, ["优先条件"] = JdSection.NiceToHave,
        ["responsibilities"] = JdSection.Responsibilities, ["key responsibilities"] = JdSection.Responsibilities, ["what you'll do"] = JdSection.Responsibilities,
        ["what you will do"] = JdSection.Responsibilities, ["duties"] = JdSection.Responsibilities, ["the role"] = JdSection.Responsibilities,
        ["your role"] = JdSection.Responsibilities, ["role"] = JdSection.Responsibilities, ["job description"] = JdSection.Responsibilities,
        ["essential duties and responsibilities"] = JdSection.Responsibilities, ["in this role you will"] = JdSection.Responsibilities,
        ["岗位职责"] = JdSection.Responsibilities, ["工作职责"] = JdSection.Responsibilities, ["职位描述"] = JdSection.Responsibilities,
        ["工作内容"] = JdSection.Responsibilities, ["职责描述"] = JdSection.Responsibilities, ["岗位描述"] = JdSection.Responsibilities, ["职位职责"] = JdSection.Responsibilities,
        ["about us"] = JdSection.About, ["about the company"] = JdSection.About, ["about the team"] = JdSection.About, ["company"] = JdSection.About, ["公司介绍"] = JdSection.About,
        ["benefits"] = JdSection.Benefits, ["perks"] = JdSection.Benefits, ["what we offer"] = JdSection.Benefits, ["福利待遇"] = JdSection.Benefits, ["福利"] = JdSection.Benefits,
    };

    /// <summary>Parses a job description. Throws <see cref="ArgumentException"/> for empty text: reject empty documents before parsing.</summary>
    public static ParsedJobDescription Parse(string text) => Parse(text, CancellationToken.None);

    /// <summary>
    /// Parses a job description, checking <paramref name="cancellationToken"/> line by line: give it a deadline
    /// and the parse stops soon after it with <see cref="OperationCanceledException"/>. Every pattern has a
    /// match timeout (<see cref="DocumentLimits.RegexTimeoutMilliseconds"/>): a
    /// <see cref="RegexMatchTimeoutException"/> means the text was hostile, and should be treated as a rejection.
    /// </summary>
    public static ParsedJobDescription Parse(string text, CancellationToken cancellationToken)
    {
        using var budget = ReadBudget.For(cancellationToken);
        return Parse(text, budget);
    }

    internal static ParsedJobDescription Parse(string text, ReadBudget budget)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var lines = TextLines.Split(InlineHeadingBreak().Replace(text, "\n"));
        budget.Step();
        var nonEmpty = lines.Where(l => l.Length > 0).ToList();
        var header = Header.From(nonEmpty, budget);

        var sections = SectionSplitter.Split(lines, Headings, budget);
        var (requirements, niceToHaves, responsibilities) = SplitItems(sections, lines, budget);

        var title = header.Title ?? LabelledValue(nonEmpty, TitleLabel()) ?? FirstLineTitle(nonEmpty);
        var roles = FindRoles(header, nonEmpty, title, budget);
        title ??= roles.FirstOrDefault();
        var (arrangement, regions) = FindWorkArrangement(header, text);

        var requirementText = string.Join("\n", requirements);
        var salary = SalaryParser.Find(header.Line) ?? SalaryParser.Find(text);
        return new ParsedJobDescription
        {
            Language = TextLines.Language(text),
            Title = title,
            Company = header.Company ?? LabelledValue(nonEmpty, CompanyLabel()),
            Location = header.Location ?? LabelledValue(nonEmpty, LocationLabel()),
            WorkArrangement = arrangement,
            RemoteRegions = regions,
            EmploymentType = FindEmploymentType(header, text),
            Seniority = TitleWords.SeniorityOf(title),
            Salary = salary,
            SalaryNegotiable = salary is null && SalaryParser.IsNegotiable(text),
            YearsOfExperienceRequired = FindYears(requirementText) ?? FindYears(text),
            Roles = roles,
            Requirements = requirements,
            NiceToHaves = niceToHaves,
            Responsibilities = responsibilities,
        };
    }

    /// <summary>
    /// The one-line header job boards and HN posts open with: "Company | Title | Location | Remote | Full-time | $170-225K".
    /// Segments are classified one by one; a plain first line ("算法工程师 30-60K·15薪") is a header of one segment.
    /// </summary>
    private sealed record Header(string Line, List<string> Segments, string? Company, string? Title, string? Location, List<string> TitleSegments)
    {
        /// <summary>Headers have a handful of segments; a first line of thousands of bars is read for its first <see cref="MaxSegments"/>.</summary>
        private const int MaxSegments = 32;

        public static Header From(List<string> lines, ReadBudget budget)
        {
            var first = lines.FirstOrDefault() ?? "";
            var segments = first.Split(['|', '｜'], MaxSegments + 1, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Take(MaxSegments).Select(TextLines.RemoveUrls).Where(s => s.Length > 0).ToList();
            budget.Step();
            if (segments.Count < 3)
            {
                return new Header(first, segments, null, null, null, []);
            }
            var titles = segments.Skip(1).Where(s => TitleWords.ContainsTitle(s) && !IsBoilerplate(s) && TextLines.WordCount(s) <= 8).ToList();
            var company = CompanyName(segments[0]);
            string? location = null;
            foreach (var segment in segments.Skip(1))
            {
                if (titles.Contains(segment) || NotALocation().IsMatch(segment) || SalaryParser.Find(segment) is not null) continue;
                var beforeRemote = RemoteWord().Split(segment)[0].Trim(' ', ',', '-', '(', '/');
                if (beforeRemote.Length > 0 && LocationShape().IsMatch(beforeRemote) && !NotALocation().IsMatch(beforeRemote))
                {
                    location = beforeRemote;
                    break;
                }
            }
            return new Header(first, segments, company, titles.FirstOrDefault(), location, titles);
        }

        private static string CompanyName(string segment)
        {
            // "Galaxy (getgalaxy.io) - The Cursor for SQL" → "Galaxy"
            var name = segment.Split([" (", " - ", " – ", " — ", ": "], StringSplitOptions.None)[0];
            return name.Trim(' ', ',', '-');
        }

        private static bool IsBoilerplate(string segment) => NotALocation().IsMatch(segment) || RemoteWord().IsMatch(segment) && TextLines.WordCount(segment) <= 4;
    }

    private static string? FirstLineTitle(List<string> lines)
    {
        var first = lines.FirstOrDefault();
        if (first is null || first.Length > 80) return null;
        // "端到端算法工程师 50-80K·15薪": the title is the line without its salary.
        var withoutSalary = SalaryTail().Replace(first, "").Trim(' ', '-', '|', '·');
        return TitleWords.ContainsTitle(withoutSalary) && TextLines.WordCount(withoutSalary) <= 10 ? withoutSalary : null;
    }

    private static string? LabelledValue(List<string> lines, Regex label)
    {
        foreach (var line in lines.Take(40))
        {
            var m = label.Match(line);
            if (m.Success && m.Groups["value"].Value.Trim().Length > 0) return m.Groups["value"].Value.Trim();
        }
        return null;
    }

    /// <summary>Every advertised role: header titles, short dashed title lines, "looking for:" lists and "hiring a X" phrases.</summary>
    private static List<string> FindRoles(Header header, List<string> lines, string? title, ReadBudget budget)
    {
        var roles = new List<string>();
        void Add(string candidate)
        {
            var role = Article().Replace(candidate.Trim(' ', '.', '!', ',', ':', '-'), "");
            if (role.Length < 3 || !TitleWords.ContainsTitle(role)) return;
            if (!roles.Any(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase))) roles.Add(role);
        }

        header.TitleSegments.ForEach(Add);
        if (title is not null) Add(title);
        foreach (var line in lines)
        {
            budget.Step();
            var dashed = DashedTitleLine().Match(line);
            if (dashed.Success && TitleWords.EndsWithTitle(dashed.Groups["title"].Value) && TextLines.WordCount(dashed.Groups["title"].Value) <= 6)
            {
                Add(dashed.Groups["title"].Value);
            }
            var list = RoleList().Match(line);
            if (list.Success)
            {
                foreach (var item in list.Groups["items"].Value.Split([" - ", " – ", "; ", " • "], StringSplitOptions.TrimEntries))
                {
                    if (TextLines.WordCount(item) <= 10 && TitleWords.ContainsTitle(item)) Add(item);
                }
            }
            foreach (Match hiring in HiringPhrase().Matches(line))
            {
                var phrase = hiring.Groups["title"].Value;
                if (TitleWords.EndsWithTitle(phrase)) Add(phrase);
            }
        }
        return roles;
    }

    private static (WorkArrangement, List<string>) FindWorkArrangement(Header header, string text)
    {
        var regions = new List<string>();
        foreach (var segment in header.Segments.Count > 0 ? header.Segments : [header.Line])
        {
            var remote = RemoteWithRegion().Match(segment);
            if (remote.Success)
            {
                regions.AddRange(remote.Groups["regions"].Value
                    .Split(['/', ',', '&', '+'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .SelectMany(r => r.Split(" or ", StringSplitOptions.TrimEntries))
                    .Select(r => RegionNoise().Replace(r, "").Trim(' ', '-', '(', ')'))
                    .Where(r => r.Length is > 0 and <= 30 && !NotALocation().IsMatch(r)));
            }
        }
        var scope = header.Segments.Count >= 3 ? string.Join(" | ", header.Segments) : header.Line;
        if (HybridWord().IsMatch(scope)) return (WorkArrangement.Hybrid, regions);
        if (RemoteWord().IsMatch(scope) && !NotRemote().IsMatch(scope)) return (WorkArrangement.Remote, regions);
        if (OnsiteWord().IsMatch(scope)) return (WorkArrangement.Onsite, regions);
        // Outside the header, "remote" must read as a work arrangement ("fully remote", "remote-first"), not "remote sensing".
        if (HybridWord().IsMatch(text)) return (WorkArrangement.Hybrid, regions);
        if (RemoteInBody().IsMatch(text)) return (WorkArrangement.Remote, regions);
        if (OnsiteWord().IsMatch(text)) return (WorkArrangement.Onsite, regions);
        return (WorkArrangement.Unknown, regions);
    }

    private static EmploymentType FindEmploymentType(Header header, string text)
    {
        foreach (var scope in new[] { header.Line, text })
        {
            // "Full-time Contract" is a contract: the more specific word wins.
            if (ContractWord().IsMatch(scope) && (scope == header.Line || ContractRole().IsMatch(scope))) return EmploymentType.Contract;
            if (InternWord().IsMatch(scope)) return EmploymentType.Internship;
            if (PartTime().IsMatch(scope)) return EmploymentType.PartTime;
            if (Temporary().IsMatch(scope)) return EmploymentType.Temporary;
            if (FullTime().IsMatch(scope)) return EmploymentType.FullTime;
        }
        return EmploymentType.Unknown;
    }

    internal static YearsRange? FindYears(string text)
    {
        foreach (var regex in new[] { YearsEnglish(), YearsChinese(), YearsChineseLabel() })
        {
            foreach (Match m in regex.Matches(text))
            {
                var min = int.Parse(m.Groups["min"].Value, CultureInfo.InvariantCulture);
                int? max = m.Groups["max"].Success ? int.Parse(m.Groups["max"].Value, CultureInfo.InvariantCulture) : null;
                if (min is > 0 and <= 30 && (max is null || (max >= min && max <= 40))) return new YearsRange(min, max);
            }
        }
        return null;
    }

    /// <summary>
    /// Items of the requirement, nice-to-have and responsibility sections, one a line with list markers
    /// removed. Requirement items that say "a plus"/"优先" are moved to nice-to-haves: they feed the
    /// requirement levels of skill extraction. Posts without headings ("We're looking for someone with:")
    /// contribute the bullets that follow such a line.
    /// </summary>
    private static (List<string>, List<string>, List<string>) SplitItems(List<TextSection<JdSection>> sections, List<string> lines, ReadBudget budget)
    {
        List<string> requirements = [], nice = [], responsibilities = [];
        foreach (var section in sections.Where(s => s.Kind is JdSection.Requirements or JdSection.NiceToHave or JdSection.Responsibilities))
        {
            foreach (var item in section.Lines.Select(TextLines.StripListMarker).Where(i => i.Length > 1))
            {
                budget.Step();
                switch (section.Kind)
                {
                    case JdSection.Responsibilities: responsibilities.Add(item); break;
                    case JdSection.NiceToHave: nice.Add(item); break;
                    default: (NiceMarker().IsMatch(item) ? nice : requirements).Add(item); break;
                }
            }
        }
        if (requirements.Count == 0 && nice.Count == 0)
        {
            var inList = false;
            foreach (var line in lines)
            {
                budget.Step();
                if (ImplicitRequirementIntro().IsMatch(line)) { inList = true; continue; }
                if (!inList || line.Length == 0) continue;
                var item = TextLines.StripListMarker(line);
                if (TextLines.IsBulleted(line)) (NiceMarker().IsMatch(item) ? nice : requirements).Add(item);
                else if (NiceMarker().IsMatch(item)) nice.Add(item);
                else inList = false;
            }
        }
        return (requirements, nice, responsibilities);
    }

    // Known headings glued to the previous sentence by scraping ("...reliability.Responsibilities:").
    [GeneratedRegex(@"(?<=[.!?。；;:a-z)])\s*(?=(?:Responsibilities|Requirements|Qualifications|Preferred Qualifications|Nice to have|What you'll do|About the Role|About Us)\s*[:：])", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex InlineHeadingBreak();

    [GeneratedRegex(@"^(?:job title|title|position|role|职位名称|职位|岗位名称)\s*[:：]\s*(?<value>.{2,80})$", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex TitleLabel();

    [GeneratedRegex(@"^(?:company|employer|organization|公司名称|公司)\s*[:：]\s*(?<value>.{2,80})$", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex CompanyLabel();

    [GeneratedRegex(@"^(?:location|office|based in|工作地点|地点|城市)\s*[:：]\s*(?<value>.{2,80})$", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex LocationLabel();

    // Non-backtracking: on a long run of digits the backtracking engine retried every split of the run at every start.
    [GeneratedRegex(@"\s*(?:[$€£¥]\s?)?\d+(?:\.\d+)?\s*[kK千万]?\s*[-~～–]\s*(?:[$€£¥]\s?)?\d+(?:\.\d+)?\s*[kK千万].*$", RegexOptions.NonBacktracking, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex SalaryTail();

    [GeneratedRegex(@"^(?:an?|another|the|our)\s+", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Article();

    [GeneratedRegex(@"^(?:--|•|-|\*|–)\s*(?<title>[^,.;:]{3,60})$", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex DashedTitleLine();

    [GeneratedRegex(@"(?:looking for|hiring for|open roles|open positions|we are hiring|we're hiring)\s*[:：]\s*(?<items>.+)$", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex RoleList();

    [GeneratedRegex(@"\b(?:hiring|looking for|seeking|searching for)\s+(?:an?|another|our (?:first|next))\s+(?<title>[\w+#/&-]+(?:\s+[\w+#/&-]+){0,5}?)(?=\s+(?:who|to|with|that|for|in|at|and|on|based|\()|[.,!;)]|$)", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex HiringPhrase();

    [GeneratedRegex(@"\bremote\b|远程", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex RemoteWord();

    [GeneratedRegex(@"\bremote\b\s*[-:–(]?\s*(?<regions>[^|]*)", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex RemoteWithRegion();

    [GeneratedRegex(@"\b(?:only|ok|okay|friendly|first|possible|available|timezones?|time zones?|hours?|within|based|anywhere)\b", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex RegionNoise();

    [GeneratedRegex(@"\b(?:no remote|not remote|remote not)\b", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex NotRemote();

    [GeneratedRegex(@"\bhybrid\b|混合办公", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex HybridWord();

    [GeneratedRegex(@"\b(?:on-?site|in[- ]office|in[- ]person)\b|坐班", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex OnsiteWord();

    [GeneratedRegex(@"\b(?:fully remote|100% remote|remote[- ](?:first|friendly|ok|only|role|position|work|option)|work from home|work remotely|remote \(|remotely from)\b|远程办公|远程工作", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex RemoteInBody();

    [GeneratedRegex(@"\bcontract(?:or)?\b|外包|合同工", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex ContractWord();

    [GeneratedRegex(@"\b(?:contract (?:role|position|basis|to hire|engagement)|(?:full[- ]time|part[- ]time) contract|contractor)\b", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex ContractRole();

    [GeneratedRegex(@"\binternships?\b|\bintern\b|实习", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex InternWord();

    [GeneratedRegex(@"\bpart[- ]?time\b|兼职", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex PartTime();

    [GeneratedRegex(@"\btemporary\b|临时", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Temporary();

    [GeneratedRegex(@"\bfull[- ]?time\b|全职", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex FullTime();

    [GeneratedRegex(@"\b(?:at least|minimum(?: of)?|min\.?|over)?\s*(?<min>\d{1,2})\s*(?:\+|plus)?\s*(?:(?:-|–|to)\s*(?<max>\d{1,2})\s*\+?)?\s*(?:years?|yrs?)(?:'|’)?\s+(?:of\s+)?(?:[\w/+#.-]+\s+){0,5}?(?:experience|exp\b)", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex YearsEnglish();

    [GeneratedRegex(@"(?:经验\s*)?(?<min>\d{1,2})\s*(?:[-~～至到]\s*(?<max>\d{1,2}))?\s*年(?:以上|及以上)?(?:[^，。,；;\n]{0,12}?)(?:经验|工作经历|从业)", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex YearsChinese();

    [GeneratedRegex(@"经验\s*[:：]?\s*(?<min>\d{1,2})\s*(?:[-~～至到]\s*(?<max>\d{1,2}))?\s*年", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex YearsChineseLabel();

    [GeneratedRegex(@"优先|加分|\b(?:a plus|big plus|is a plus|nice to have|preferred|bonus|would be great|desirable|advantageous|an advantage)\b", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex NiceMarker();

    [GeneratedRegex(@"(?:\bwith|\bhave|\bneed|\bbring|\brequirements|\bqualifications)\s*[:：]$", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex ImplicitRequirementIntro();

    [GeneratedRegex(@"^[\p{Lu}][\p{L}.'-]*(?:[ ,]+[\p{Lu}][\p{L}.'-]*){0,3}$|^[\p{IsCJKUnifiedIdeographs}]{2,6}$", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex LocationShape();

    [GeneratedRegex(@"^(?:visa|visa sponsorship|equity|benefits|multiple roles|full[- ]?time|part[- ]?time|contract|intern(?:ship)?|onsite|on-site|hybrid|remote|salary|doe|apply|hiring|us only|none|n/a)\b", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex NotALocation();
}
