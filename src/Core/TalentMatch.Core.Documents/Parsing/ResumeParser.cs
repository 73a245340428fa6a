using System.Globalization;
using System.Text.RegularExpressions;
using TalentMatch.Core.Documents.Parsing;

namespace TalentMatch.Core.Documents;

/// <summary>
/// Reads the structure of an English or Chinese resume from its text (as produced by
/// <see cref="DocumentReader"/>): contact, sections, work history with durations, total experience,
/// education and spoken languages.
/// </summary>
public static partial class ResumeParser
{
    private static readonly Dictionary<string, ResumeSectionKind> Headings = BuildHeadings();

    private static readonly Dictionary<string, string> KnownLanguages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["English"] = "English", ["Chinese"] = "Chinese", ["Mandarin"] = "Chinese", ["Cantonese"] = "Cantonese", ["Hindi"] = "Hindi",
        ["Spanish"] = "Spanish", ["French"] = "French", ["German"] = "German", ["Hebrew"] = "Hebrew", ["Russian"] = "Russian",
        ["Ukrainian"] = "Ukrainian", ["Arabic"] = "Arabic", ["Japanese"] = "Japanese", ["Korean"] = "Korean", ["Portuguese"] = "Portuguese",
        ["Italian"] = "Italian", ["Dutch"] = "Dutch", ["Polish"] = "Polish", ["Turkish"] = "Turkish", ["Vietnamese"] = "Vietnamese",
        ["Marathi"] = "Marathi", ["Tamil"] = "Tamil", ["Telugu"] = "Telugu", ["Kannada"] = "Kannada", ["Bengali"] = "Bengali",
        ["Gujarati"] = "Gujarati", ["Urdu"] = "Urdu", ["Malayalam"] = "Malayalam", ["Punjabi"] = "Punjabi", ["Romanian"] = "Romanian",
        ["Swedish"] = "Swedish", ["Greek"] = "Greek", ["Persian"] = "Persian", ["Farsi"] = "Persian", ["Amharic"] = "Amharic",
        ["英语"] = "English", ["英文"] = "English", ["中文"] = "Chinese", ["普通话"] = "Chinese", ["汉语"] = "Chinese", ["粤语"] = "Cantonese",
        ["日语"] = "Japanese", ["韩语"] = "Korean", ["法语"] = "French", ["德语"] = "German", ["西班牙语"] = "Spanish", ["俄语"] = "Russian",
    };

    /// <summary>Parses a resume; "Present"/"至今" durations run to today (UTC).</summary>
    public static ParsedResume Parse(string text) => Parse(text, DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime));

    /// <summary>
    /// Parses a resume; "Present"/"至今" durations run to <paramref name="referenceDate"/> (pass the upload
    /// date so results do not drift as time passes). Throws <see cref="ArgumentException"/> for empty text.
    /// </summary>
    public static ParsedResume Parse(string text, DateOnly referenceDate) => Parse(text, referenceDate, CancellationToken.None);

    /// <summary>
    /// Parses a resume, checking <paramref name="cancellationToken"/> line by line: give it a deadline
    /// (<see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/>) and the parse stops soon after it with
    /// <see cref="OperationCanceledException"/>. Every pattern has a match timeout
    /// (<see cref="DocumentLimits.RegexTimeoutMilliseconds"/>): a <see cref="System.Text.RegularExpressions.RegexMatchTimeoutException"/>
    /// means the text was hostile, and should be treated as a rejection.
    /// </summary>
    public static ParsedResume Parse(string text, DateOnly referenceDate, CancellationToken cancellationToken)
    {
        using var budget = ReadBudget.For(cancellationToken);
        return Parse(text, referenceDate, budget);
    }

    internal static ParsedResume Parse(string text, DateOnly referenceDate, ReadBudget budget)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var lines = TextLines.Split(text);
        budget.Step();
        var sections = SectionSplitter.Split(lines, Headings, budget);
        var contact = FindContact(lines, budget);
        var headline = FindHeadline(lines, contact.Name);

        var experienceLines = sections.Where(s => s.Kind == ResumeSectionKind.Experience).SelectMany(s => s.Lines).ToList();
        var work = FindWorkHistory(experienceLines, referenceDate, budget);
        if (work.Count == 0)
        {
            // No "Experience" heading, or none with dates under it (a heading the splitter missed lets "Languages"
            // or "Skills" swallow the jobs): any dated line outside education and projects may be a job.
            work = FindWorkHistory(sections.Where(s => s.Kind is not (ResumeSectionKind.Education or ResumeSectionKind.Projects)).SelectMany(s => s.Lines).ToList(), referenceDate, budget);
        }
        var educationLines = sections.Where(s => s.Kind == ResumeSectionKind.Education).SelectMany(s => s.Lines).ToList();

        return new ParsedResume
        {
            Language = TextLines.Language(text),
            Contact = contact,
            Headline = headline,
            CurrentTitle = FindCurrentTitle(lines, work, headline, budget),
            Sections = sections.Where(s => s.Kind is not null)
                .Select(s => new ResumeSection(s.Kind!.Value, s.Heading, string.Join("\n", s.Lines).Trim())).ToList(),
            WorkHistory = work,
            TotalExperience = StatedYears(text, budget) is { } stated ? new ExperienceYears(stated, ExperienceSource.Stated)
                : work.Count > 0 ? new ExperienceYears(Math.Round(UnionMonths(work, referenceDate, budget) / 12m, 1), ExperienceSource.WorkHistory) : null,
            Education = FindEducation(educationLines, inEducationSection: true, budget) is { Count: > 0 } education ? education : FindEducation(lines, inEducationSection: false, budget),
            SpokenLanguages = FindLanguages(sections, lines, budget),
        };
    }

    private static ContactDetails FindContact(List<string> lines, ReadBudget budget)
    {
        var text = string.Join("\n", lines);
        var emails = Email().Matches(text).Select(m => m.Value.TrimEnd('.')).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var links = LinksIn(text);
        // Phones only where phones live: the top of the resume and labelled lines; elsewhere digit runs are IDs and dates.
        var phoneLines = lines.Take(15).Concat(lines.Where(l => PhoneLabel().IsMatch(l)));
        var phones = new List<string>();
        foreach (var line in phoneLines)
        {
            budget.Step();
            foreach (Match m in Phone().Matches(Email().Replace(line, " ")))
            {
                var digits = m.Value.Count(char.IsDigit);
                if (digits is >= 9 and <= 15 && DateRanges.Find(m.Value).Any() is false && !phones.Contains(m.Value.Trim())) phones.Add(m.Value.Trim());
            }
        }
        return new ContactDetails { Name = FindName(lines, budget), Emails = emails, Phones = phones, Links = links };
    }

    /// <summary>Every link of <paramref name="text"/>, once, without trailing punctuation.</summary>
    private static List<string> LinksIn(string text) =>
        Link().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ')', ';'))
            .Where(l => !l.Contains('@', StringComparison.Ordinal)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static string? FindName(List<string> lines, ReadBudget budget)
    {
        if (LabelledName(lines, budget) is { } labelled) return labelled;
        foreach (var line in lines.Where(l => l.Length > 0).Take(5))
        {
            if (SectionSplitter.TryHeading(line, Headings, out _, out _) || TitleWords.ContainsOccupation(line)) continue;
            if (LatinName().IsMatch(line) || ChineseName().IsMatch(line)) return line;
        }
        return null;
    }

    /// <summary>
    /// The role line near the top: within six lines after the name (contact lines skipped, stopping at the
    /// first heading), the first line that reads as a title, or whose title part does ("Architect - Microsoft
    /// India", "Test Analyst at Oracle, Hyderabad", "SOFTWARE ENGINEER Resume Sample").
    /// </summary>
    private static string? FindHeadline(List<string> lines, string? name)
    {
        var top = lines.Where(l => l.Length > 0).Take(12).ToList();
        var start = name is null ? 0 : top.IndexOf(name) + 1;
        foreach (var line in top.Skip(start).Take(6))
        {
            if (SectionSplitter.TryHeading(line, Headings, out _, out _)) break;
            if (line.Length > 80 || Email().IsMatch(line) || Link().IsMatch(line) || line.Count(char.IsDigit) >= 5) continue;
            if (CleanTitle(line) is { } title) return title;
        }
        return null;
    }

    /// <summary>
    /// The current title, from the most explicit source down: a "Designation:"/"Current Position:"/"职位："
    /// label; the title of the latest dated job; "currently working as a X"; the headline; the title of an
    /// earlier job. Each must read as a title (<see cref="CleanTitle"/>), so a sentence never becomes one.
    /// </summary>
    private static string? FindCurrentTitle(List<string> lines, List<WorkExperience> work, string? headline, ReadBudget budget)
    {
        foreach (var line in lines)
        {
            budget.Step();
            var labelled = DesignationLabel().Match(TextLines.StripListMarker(line));
            if (labelled.Success && CleanTitle(labelled.Groups["title"].Value) is { } title) return title;
        }
        var jobs = work.Where(w => w.Title is not null).OrderByDescending(w => w.IsCurrent).ThenByDescending(w => w.Start).ToList();
        if (jobs.Count > 0 && CleanTitle(jobs[0].Title!) is { } latest) return latest;
        foreach (var line in lines)
        {
            budget.Step();
            var workingAs = WorkingAs().Match(line);
            if (workingAs.Success && CleanTitle(workingAs.Groups["title"].Value) is { } title) return title;
        }
        if (headline is not null) return headline;
        return jobs.Skip(1).Select(j => CleanTitle(j.Title!)).FirstOrDefault(t => t is not null);
    }

    /// <summary>
    /// The title in a phrase when the phrase reads as one: "Associate consultant@SAP labs" → "Associate
    /// consultant", "Music Producer Resume Template" → "Music Producer". A title names an occupation, has at
    /// most seven words and no sentence words ("the", "with", "was"...); otherwise null.
    /// </summary>
    internal static string? CleanTitle(string text)
    {
        var phrase = ResumeWord().Replace(TextLines.StripListMarker(text), "").Trim(' ', ':', '|', ',', '-', '–', ';');
        if (phrase.Length == 0 || phrase.Length > 80 || phrase.Contains(". ", StringComparison.Ordinal) || phrase.EndsWith('.') && !phrase.EndsWith("Sr.", StringComparison.Ordinal)) return null;
        var title = SplitTitleEmployer(phrase).Title?.Trim(' ', '.', ':', ';') ?? "";
        if (title.Length < 2 || title.Length > 60 || TextLines.WordCount(title) > 7 || !TitleWords.ContainsOccupation(title)) return null;
        if (SentenceWord().IsMatch(title) || title.Count(char.IsDigit) > 2 || title.Contains('@', StringComparison.Ordinal)) return null;
        return title;
    }

    /// <summary>
    /// Each dated line opens a job. Title and employer come from the rest of that line ("2017 – 2019:
    /// Developer, Bank") or, when the line holds only dates, from the one or two lines above it (the
    /// Indeed layout: title, then "Employer - City", then dates).
    /// </summary>
    private static List<WorkExperience> FindWorkHistory(List<string> lines, DateOnly reference, ReadBudget budget)
    {
        var jobs = new List<WorkExperience>();
        var lastUsed = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            budget.Step();
            var range = DateRanges.Find(lines[i]).FirstOrDefault();
            if (range is null) continue;
            var rest = lines[i].Remove(range.Index, Math.Min(range.Text.Length, lines[i].Length - range.Index)).Trim(' ', ':', '|', ',', '-', '–', '•');
            string? title = null, employer = null;
            if (rest.Count(char.IsLetter) >= 2)
            {
                (title, employer) = SplitTitleEmployer(rest);
            }
            if (title is null || employer is null)
            {
                var above = new List<string>();
                for (var k = i - 1; k > lastUsed && above.Count < 2; k--)
                {
                    if (lines[k].Length == 0) continue;
                    if (DateRanges.Find(lines[k]).Any() || TextLines.IsBulleted(lines[k]) || lines[k].Length > 100) break;
                    above.Insert(0, lines[k]);
                }
                if (above.Count == 2)
                {
                    var (first, second) = (above[0], CleanEmployer(above[1]));
                    (title, employer) = TitleWords.ContainsOccupation(second) && !TitleWords.ContainsOccupation(first) ? (title ?? second, employer ?? first) : (title ?? first, employer ?? second);
                }
                else if (above.Count == 1)
                {
                    var (t, e) = SplitTitleEmployer(above[0]);
                    title ??= t;
                    employer ??= e;
                }
            }
            if (title is null || !TitleWords.ContainsOccupation(title))
            {
                // "June 2009 – Present / Link Solutions / Waterloo, IA / Accounting Assistant": the title may follow the dates.
                for (var k = i + 1; k < lines.Count && k <= i + 4; k++)
                {
                    if (lines[k].Length == 0) continue;
                    if (DateRanges.Find(lines[k]).Any() || TextLines.IsBulleted(lines[k]) || lines[k].Length > 80 || SectionSplitter.TryHeading(lines[k], Headings, out _, out _)) break;
                    if (CleanTitle(lines[k]) is { } below)
                    {
                        // The employer is what the title pushed aside, or the first line between the dates and the title.
                        employer ??= title ?? lines.Skip(i + 1).Take(k - i - 1).Where(l => l.Length > 0).Select(l => CleanEmployer(l)).FirstOrDefault();
                        title = below;
                        break;
                    }
                }
            }
            lastUsed = i;
            var months = range.Months(reference) + (range.Text.Any(char.IsLetter) || range.Text.Contains('/', StringComparison.Ordinal) || range.Text.Contains('.', StringComparison.Ordinal) ? 1 : 0);
            jobs.Add(new WorkExperience(title, employer, range.Start, range.End, range.IsCurrent, months, range.Text));
        }
        return jobs;
    }

    private static (string? Title, string? Employer) SplitTitleEmployer(string text)
    {
        var cleaned = Parenthesised().Replace(text, "").Trim(' ', ':', '|', ',', '-', '–');
        var parts = TitleEmployerSeparator().Split(cleaned).Select(p => CleanEmployer(p)).Where(p => p.Length > 0).ToList();
        if (parts.Count == 1 && TextLines.ContainsCjk(cleaned))
        {
            parts = cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        }
        if (parts.Count == 0) return (null, null);
        var titleIndex = parts.FindIndex(TitleWords.ContainsOccupation);
        if (parts.Count == 1) return titleIndex == 0 ? (parts[0], null) : (null, parts[0]);
        if (titleIndex < 0) titleIndex = 0;
        var employer = parts.Where((_, index) => index != titleIndex).FirstOrDefault();
        return (parts[titleIndex], employer);
    }

    /// <summary>"Oracle -  Bangalore, Karnataka -" → "Oracle"; "Bank Otkritie (Russia, Moscow)" → "Bank Otkritie".</summary>
    private static string CleanEmployer(string text)
    {
        var cleaned = Parenthesised().Replace(text, "").Trim(' ', ',', '-', '–', '|', ':');
        var dash = cleaned.IndexOf(" - ", StringComparison.Ordinal);
        return (dash > 0 ? cleaned[..dash] : cleaned).Trim(' ', ',', '-');
    }

    private static int UnionMonths(List<WorkExperience> work, DateOnly reference, ReadBudget budget)
    {
        var months = new HashSet<int>();
        foreach (var job in work.Where(j => j.Start is not null))
        {
            budget.Step();
            var start = job.Start!.Value;
            var end = job.End ?? reference;
            for (var m = (start.Year * 12) + start.Month - 1; m < (end.Year * 12) + end.Month - 1 + (job.IsCurrent ? 0 : 1); m++) months.Add(m);
        }
        return months.Count;
    }

    internal static decimal? StatedYears(string text) => StatedYears(text, ReadBudget.For(CancellationToken.None));

    private static decimal? StatedYears(string text, ReadBudget budget)
    {
        decimal? best = null;
        foreach (var regex in new[] { StatedEnglish(), StatedRole(), StatedChinese() })
        {
            foreach (Match m in regex.Matches(text))
            {
                budget.Step();
                var number = m.Groups["years"].Value;
                var years = NumberWords.TryGetValue(number, out var word) ? word : decimal.Parse(number, CultureInfo.InvariantCulture);
                if (m.Groups["months"].Success) years += Math.Round(int.Parse(m.Groups["months"].Value, CultureInfo.InvariantCulture) / 12m, 1);
                if (years is > 0 and <= 50 && (best is null || years > best)) best = years;
            }
        }
        return best;
    }

    private const string NumberWordPattern = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty";

    private static readonly Dictionary<string, decimal> NumberWords = NumberWordPattern.Split('|')
        .Select((w, i) => (w, n: i < 20 ? i + 1m : 30m)).ToDictionary(p => p.w, p => p.n, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Degrees in document order, school-level ones (high school, HSC/SSC) after the others, so the first is
    /// the main degree. The degree is the phrase from the degree word to where the line moves on: a comma,
    /// bar, dash, year, grade or sentence end ("Kentucky Anticipated May 2012 Bachelor of Science in
    /// Mechanical Engineering" → "Bachelor of Science in Mechanical Engineering").
    /// </summary>
    /// <remarks>
    /// Inside an Education section a qualification named beside a school also counts: "Engineer Ural State
    /// University", "Specialist, Saint-Petersburg University", "speciality: applied mathematics" (the
    /// Russian-system specialist and engineer degrees).
    /// </remarks>
    private static List<Education> FindEducation(List<string> lines, bool inEducationSection, ReadBudget budget)
    {
        var result = new List<Education>();
        for (var i = 0; i < lines.Count; i++)
        {
            budget.Step();
            var degreeMatch = DegreeAbbreviation().Match(lines[i]);
            var wordMatch = DegreeWord().Match(lines[i]);
            if (!degreeMatch.Success || (wordMatch.Success && wordMatch.Index < degreeMatch.Index)) degreeMatch = wordMatch;
            if (!degreeMatch.Success && inEducationSection && (SchoolWord().IsMatch(lines[i]) || lines[i].Contains("speciality", StringComparison.OrdinalIgnoreCase)))
            {
                degreeMatch = Qualification().Match(lines[i]);
            }
            if (!degreeMatch.Success) continue;
            var line = lines[i];
            var degreeText = DegreePhrase(line, degreeMatch);
            if (degreeText.Length == 0) continue;
            var rest = line.Replace(degreeText, " ", StringComparison.Ordinal);
            var range = DateRanges.Find(line).FirstOrDefault();
            string? school = rest.Split([", ", " - ", " – ", " at ", " from ", " | ", ". "], StringSplitOptions.TrimEntries).FirstOrDefault(p => SchoolWord().IsMatch(p) && p.Length <= 120);
            school = school is null ? null : Year().Replace(school, "").Trim(' ', ',', '-', '–', '|', ':', '(', ')');
            var neighbours = lines.Skip(Math.Max(0, i - 2)).Take(5).Where(l => l.Length > 0).ToList();
            school ??= neighbours.FirstOrDefault(l => l != line && SchoolWord().IsMatch(l) && !DegreeWord().IsMatch(l) && l.Length <= 120) is { } s ? CleanEmployer(s) : null;
            var years = neighbours.SelectMany(l => Year().Matches(l)).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).Where(y => y is >= 1950 and <= 2100).ToList();
            int? year = range?.End?.Year ?? (years.Count > 0 ? years.Max() : null);
            if (result.Any(e => e.Degree == degreeText)) continue;
            result.Add(new Education(degreeText, string.IsNullOrEmpty(school) ? null : school, year));
        }
        return result.OrderBy(e => SchoolLevel().IsMatch(e.Degree)).ToList();
    }

    private static string DegreePhrase(string line, Match degree)
    {
        var phrase = line[degree.Index..];
        var end = DegreePhraseEnd().Match(phrase, Math.Min(degree.Length, phrase.Length));
        if (end.Success) phrase = phrase[..end.Index];
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 12) phrase = string.Join(' ', words.Take(12));
        return phrase.Trim(' ', ':', '|', ',', '-', '–', ';', '(');
    }

    private static List<string> FindLanguages(List<TextSection<ResumeSectionKind>> sections, List<string> lines, ReadBudget budget)
    {
        var candidates = sections.Where(s => s.Kind == ResumeSectionKind.Languages).SelectMany(s => s.Lines)
            .Concat(lines.Select(l => LanguagesLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["list"].Value));
        var found = new List<string>();
        foreach (var candidate in candidates)
        {
            budget.Step();
            foreach (Match word in LanguageToken().Matches(candidate))
            {
                if (KnownLanguages.TryGetValue(word.Value, out var language) && !found.Contains(language)) found.Add(language);
            }
            // Chinese has no spaces between words ("英语流利"), so its names are found as substrings.
            foreach (var (name, language) in KnownLanguages.Where(k => TextLines.ContainsCjk(k.Key)))
            {
                if (candidate.Contains(name, StringComparison.Ordinal) && !found.Contains(language)) found.Add(language);
            }
        }
        return found;
    }

    private static Dictionary<string, ResumeSectionKind> BuildHeadings()
    {
        var map = new Dictionary<string, ResumeSectionKind>(StringComparer.Ordinal);
        void Add(ResumeSectionKind kind, params string[] phrases)
        {
            foreach (var phrase in phrases) map[phrase] = kind;
        }
        Add(ResumeSectionKind.Summary, "summary", "professional summary", "profile", "professional profile", "about me", "about", "objective", "career objective",
            "career summary", "overview", "personal statement", "summary of qualifications", "个人简介", "自我评价", "个人总结", "个人优势", "求职意向", "个人评价", "自我介绍");
        Add(ResumeSectionKind.Experience, "experience", "work experience", "professional experience", "employment history", "work history", "career history",
            "employment", "relevant experience", "internships", "internship experience", "internship", "experience summary", "professional background",
            "工作经历", "工作经验", "实习经历", "职业经历", "实习经验");
        Add(ResumeSectionKind.Education, "education", "academic background", "education and training", "academic qualifications", "educational qualifications",
            "educational background", "education & training", "education details", "academics", "教育背景", "教育经历", "学历", "教育");
        Add(ResumeSectionKind.Skills, "skills", "technical skills", "professional skills", "core competencies", "key skills", "skills summary", "technologies",
            "tech stack", "technical proficiency", "competencies", "it skills", "skill set", "skillset", "areas of expertise", "expertise", "tools",
            "专业技能", "技能特长", "技能", "技术栈", "技能清单", "专业技术");
        Add(ResumeSectionKind.Projects, "projects", "personal projects", "key projects", "project experience", "academic projects", "project details", "project",
            "项目经验", "项目经历", "项目");
        Add(ResumeSectionKind.Certifications, "certifications", "certificates", "certification", "licenses", "licenses & certifications", "licenses and certifications",
            "courses", "training", "trainings", "证书", "资格证书", "获奖证书", "荣誉奖项", "获奖经历");
        Add(ResumeSectionKind.Publications, "publications", "papers", "research", "selected publications", "research publications", "论文", "发表论文", "学术成果", "科研经历");
        Add(ResumeSectionKind.Languages, "languages", "language skills", "language", "语言能力", "语言");
        Add(ResumeSectionKind.Other, "awards", "honors", "honours", "awards & honors", "interests", "hobbies", "references", "additional information",
            "volunteer", "volunteering", "links", "personal details", "personal information", "activities", "achievements", "other", "兴趣爱好", "个人信息", "基本信息");
        return map;
    }

    // An apostrophe is allowed in the local part (O'Conner@…, D'Amore@…).
    [GeneratedRegex(@"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?:https?://|www\.)[^\s<>""]+|(?:linkedin\.com|github\.com|gitlab\.com|kaggle\.com|huggingface\.co)/[^\s<>""]+", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Link();

    [GeneratedRegex(@"(?<![\w.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]?\d{2,5}){1,4}(?![\w.])", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b(?:phone|tel|mobile|cell|contact)\b|电话|手机|联系方式", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex PhoneLabel();

    [GeneratedRegex(@"^(?:name|姓名|名字)\s*[:：]\s*(?<name>[^\s,|]{1,20}(?: [^\s,|]{1,20}){0,3})", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex NameLabel();

    [GeneratedRegex(@"^(?:[\p{Lu}][\p{Ll}'’-]+|[\p{Lu}]\.|[\p{Lu}]{2,})(?:\s+(?:[\p{Lu}][\p{Ll}'’-]+|[\p{Lu}]\.?|[\p{Lu}]{2,}|van|de|von|da|del|bin|al)){1,3}$", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex LatinName();

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}·]{2,4}$", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex ChineseName();

    // Non-backtracking: with backtracking a long run of white space without a separator was rescanned from each of its characters.
    [GeneratedRegex(@"\s+at\s+|\s*@\s*|\s*[,|，]\s*|\s+[-–—]\s+", RegexOptions.NonBacktracking, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex TitleEmployerSeparator();

    [GeneratedRegex(@"^(?:current\s+|present\s+)?(?:designation|job\s+title|title|position(?:\s+held)?|role|current\s+position|current\s+role|职位|职务|岗位)\s*[:：\-–]\s*(?<title>.{2,80})$", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex DesignationLabel();

    [GeneratedRegex(@"\b(?:currently|presently|at present)\b[^.;]{0,80}?\bas\s+(?:an?\s+|the\s+)?(?<title>[^,.;()]{2,60}?)(?=\s+(?:in|at|with|for|from|since|on|where)\b|\s*[,.;(]|$)", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex WorkingAs();

    [GeneratedRegex(@"\s+(?:resume|résumé|cv|curriculum vitae)\b.*$", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex ResumeWord();

    [GeneratedRegex(@"\b(?:the|on|with|to|for|from|by|was|were|is|are|am|have|has|had|i|my|our|your|we|responsible|seeking|years?)\b", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex SentenceWord();

    [GeneratedRegex(@"\s*\([^)]*\)", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Parenthesised();

    // "5+ years of experience", "6 years plus of extensive hands on experience", "over 22 years of rich national &
    // international experience", "Total IT experience 5 Years 6 Months", "Years of Experience: 2 Years and 4 Months".
    [GeneratedRegex(@"(?<years>\d{1,2}(?:\.\d)?|\b(?:" + NumberWordPattern + @"))\s*\+?\s*(?:years?|yrs?)(?:\s*(?:and\s*)?(?<months>\d{1,2})\s*months?)?(?:'|’)?(?:\s+plus)?\s*(?:of\s+)?(?:[\w/+#.&-]+\s+){0,5}?(?:experience|exp\b)|(?:total\s+(?:\w+\s+)?experience|experience of|(?:years\s+of\s+)?experience\s*[:\-])\s*[:\-]?\s*(?<years>\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years?|yrs?)(?:\s*(?:and\s*)?(?<months>\d{1,2})\s*months?)?", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex StatedEnglish();

    // Years stated through the role rather than the word "experience": "7 years as an art editor", "10+ years as a
    // Teacher", "7 years of dedicated service working as a marketing manager", "more than 5 years in the IT field".
    [GeneratedRegex(@"(?<years>\d{1,2}(?:\.\d)?|\b(?:" + NumberWordPattern + @"))\s*\+?\s*(?:years?|yrs?)(?:\s+plus)?\s+(?:as\s+an?\s|of\s+(?:\w+\s+)?service\b|in\s+the\s+[\w ]{1,30}?\s(?:field|industry)\b)", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex StatedRole();

    [GeneratedRegex(@"(?<years>\d{1,2})\s*年(?:以上)?(?:的)?(?:[\p{IsCJKUnifiedIdeographs}A-Za-z]{0,6})?(?:工作|从业|开发|研发)?经验", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex StatedChinese();

    // Case-sensitive: "BE", "MS", "BA" are degrees only in capitals ("be in", "ms" are words), and even then
    // only where a degree can stand: before "in"/"of"/"(", a comma, a slash or the end of the line, so
    // "MS Word", "MS SQL" and "MD 21211" (Maryland) are not degrees. Unambiguous forms ignore case (B.TECH, b-tech, MSc).
    [GeneratedRegex(@"(?<![\w.])(?:(?i:ph\.?\s?d\.?|m\.?b\.?a\.?|m\.?\s?-?tech|b\.?\s?-?tech|b\.\s?e\.?|b\.?\s?sc\.?|m\.?\s?sc\.?|b\.?\s?com|m\.?\s?com|bca|mca|b\.?eng|m\.?eng|bba|pgdbm|pgdm|llb|llm|m\.d\.|j\.d\.|b\.s\.|m\.s\.|b\.a\.|m\.a\.|b\.\s?s|m\.\s?s|b\.\s?a|m\.\s?a|a\.a\.s?|a\.s\.)|HSC|SSC|(?:BE|BS|MS|BA|MA|MD|AS|BASc|BSE)(?=\s*(?:$|[,(/|]|(?i:in|of|degree)\b|[-–]\s)))(?![\w])", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex DegreeAbbreviation();

    [GeneratedRegex(@"\b(?:bachelor(?:'s|s)?|master(?:'s|s)?(?! ?card)|doctor(?:ate)? of|doctoral|associate(?:'s)? (?:degree|of|in)|diploma|degree (?:in|of)|(?:honou?rs|first|second|academic|university|engineer['’]s|specialist['’]?s?)\s+degree|specialist\s+(?:of|in)\s|(?:unfinished\s+|incomplete\s+)?higher\s+education|high school|secondary school|post ?graduate|under ?graduate|graduation)\b|博士|硕士|研究生|本科|学士|大专|专科", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex DegreeWord();

    [GeneratedRegex(@"\b(?:university|college|institute|school|academy|polytechnic|universit[àéä]\w*|iit|nit|bits)\b|大学|学院|学校", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex SchoolWord();

    [GeneratedRegex(@"\b(?:19|20)\d{2}\b", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Year();

    [GeneratedRegex(@"\s*(?:[;|•]|(?<=[a-z]{3})\.(?:\s|$)|,\s|\s[-–—]\s|\s(?:from|at)\s|\(?\b(?:19|20)\d{2}\b|\b\d{1,3}(?:\.\d+)?\s*%|\b(?:c?gpa|expected|anticipated|graduat\w*|completed|passed|with\s+\d)\b|\t)", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex DegreePhraseEnd();

    [GeneratedRegex(@"\b(?:high school|secondary school|higher secondary|matriculation|class\s+(?:x|xii|10|12)|10th|12th|HSC|SSC)\b", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex SchoolLevel();

    [GeneratedRegex(@"\b(?:specialist|engineer|specialit?y)\b", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Qualification();

    [GeneratedRegex(@"^(?:(?:spoken |human )?languages?(?: known| spoken)?|语言(?:能力)?)\s*[:：\-]\s*(?<list>.+)$", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex LanguagesLine();

    [GeneratedRegex(@"[A-Za-z]+", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex LanguageToken();
}
