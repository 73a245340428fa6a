using System.Globalization;
using System.Text.RegularExpressions;
using TalentMatch.Documents.Parsing;

namespace TalentMatch.Documents;

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
    public static ParsedResume Parse(string text, DateOnly referenceDate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var lines = TextLines.Split(text);
        var sections = SectionSplitter.Split(lines, Headings);
        var contact = FindContact(lines);
        var headline = FindHeadline(lines, contact.Name);

        var experienceLines = sections.Where(s => s.Kind == ResumeSectionKind.Experience).SelectMany(s => s.Lines).ToList();
        if (experienceLines.Count == 0)
        {
            // No "Experience" heading: any dated line outside education and projects may be a job.
            experienceLines = sections.Where(s => s.Kind is null or ResumeSectionKind.Summary or ResumeSectionKind.Other).SelectMany(s => s.Lines).ToList();
        }
        var work = FindWorkHistory(experienceLines, referenceDate);
        var educationLines = sections.Where(s => s.Kind == ResumeSectionKind.Education).SelectMany(s => s.Lines).ToList();

        return new ParsedResume
        {
            Language = TextLines.Language(text),
            Contact = contact,
            Headline = headline,
            CurrentTitle = work.Where(w => w.Title is not null).OrderByDescending(w => w.IsCurrent).ThenByDescending(w => w.Start).FirstOrDefault()?.Title ?? headline,
            Sections = sections.Where(s => s.Kind is not null)
                .Select(s => new ResumeSection(s.Kind!.Value, s.Heading, string.Join("\n", s.Lines).Trim())).ToList(),
            WorkHistory = work,
            TotalExperience = StatedYears(text) is { } stated ? new ExperienceYears(stated, ExperienceSource.Stated)
                : work.Count > 0 ? new ExperienceYears(Math.Round(UnionMonths(work, referenceDate) / 12m, 1), ExperienceSource.WorkHistory) : null,
            Education = FindEducation(educationLines.Count > 0 ? educationLines : lines),
            SpokenLanguages = FindLanguages(sections, lines),
        };
    }

    private static ContactDetails FindContact(List<string> lines)
    {
        var text = string.Join("\n", lines);
        var emails = Email().Matches(text).Select(m => m.Value.TrimEnd('.')).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var links = Link().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ')', ';'))
            .Where(l => !l.Contains('@', StringComparison.Ordinal)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        // Phones only where phones live: the top of the resume and labelled lines; elsewhere digit runs are IDs and dates.
        var phoneLines = lines.Take(15).Concat(lines.Where(l => PhoneLabel().IsMatch(l)));
        var phones = new List<string>();
        foreach (var line in phoneLines)
        {
            foreach (Match m in Phone().Matches(Email().Replace(line, " ")))
            {
                var digits = m.Value.Count(char.IsDigit);
                if (digits is >= 9 and <= 15 && DateRanges.Find(m.Value).Any() is false && !phones.Contains(m.Value.Trim())) phones.Add(m.Value.Trim());
            }
        }
        return new ContactDetails { Name = FindName(lines), Emails = emails, Phones = phones, Links = links };
    }

    private static string? FindName(List<string> lines)
    {
        foreach (var line in lines)
        {
            var labelled = NameLabel().Match(line);
            if (labelled.Success) return labelled.Groups["name"].Value.Trim();
        }
        foreach (var line in lines.Where(l => l.Length > 0).Take(5))
        {
            if (SectionSplitter.TryHeading(line, Headings, out _, out _) || TitleWords.ContainsTitle(line)) continue;
            if (LatinName().IsMatch(line) || ChineseName().IsMatch(line)) return line;
        }
        return null;
    }

    private static string? FindHeadline(List<string> lines, string? name)
    {
        var top = lines.Where(l => l.Length > 0).Take(6).ToList();
        var start = name is null ? 0 : top.IndexOf(name) + 1;
        foreach (var line in top.Skip(start).Take(3))
        {
            if (SectionSplitter.TryHeading(line, Headings, out _, out _)) break;
            if (TitleWords.ContainsTitle(line) && line.Length <= 80 && !Email().IsMatch(line))
            {
                // "Architect - Microsoft India", "Test Analyst at Oracle, Hyderabad": the headline is the title part.
                return SplitTitleEmployer(line).Title ?? line.Trim(' ', '|', '-');
            }
        }
        return null;
    }

    /// <summary>
    /// Each dated line opens a job. Title and employer come from the rest of that line ("2017 – 2019:
    /// Developer, Bank") or, when the line holds only dates, from the one or two lines above it (the
    /// Indeed layout: title, then "Employer - City", then dates).
    /// </summary>
    private static List<WorkExperience> FindWorkHistory(List<string> lines, DateOnly reference)
    {
        var jobs = new List<WorkExperience>();
        var lastUsed = -1;
        for (var i = 0; i < lines.Count; i++)
        {
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
                    (title, employer) = TitleWords.ContainsTitle(second) && !TitleWords.ContainsTitle(first) ? (title ?? second, employer ?? first) : (title ?? first, employer ?? second);
                }
                else if (above.Count == 1)
                {
                    var (t, e) = SplitTitleEmployer(above[0]);
                    title ??= t;
                    employer ??= e;
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
        var titleIndex = parts.FindIndex(TitleWords.ContainsTitle);
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

    private static int UnionMonths(List<WorkExperience> work, DateOnly reference)
    {
        var months = new HashSet<int>();
        foreach (var job in work.Where(j => j.Start is not null))
        {
            var start = job.Start!.Value;
            var end = job.End ?? reference;
            for (var m = (start.Year * 12) + start.Month - 1; m < (end.Year * 12) + end.Month - 1 + (job.IsCurrent ? 0 : 1); m++) months.Add(m);
        }
        return months.Count;
    }

    internal static decimal? StatedYears(string text)
    {
        decimal? best = null;
        foreach (var regex in new[] { StatedEnglish(), StatedChinese() })
        {
            foreach (Match m in regex.Matches(text))
            {
                var years = decimal.Parse(m.Groups["years"].Value, CultureInfo.InvariantCulture);
                if (m.Groups["months"].Success) years += Math.Round(int.Parse(m.Groups["months"].Value, CultureInfo.InvariantCulture) / 12m, 1);
                if (years is > 0 and <= 50 && (best is null || years > best)) best = years;
            }
        }
        return best;
    }

    private static List<Education> FindEducation(List<string> lines)
    {
        var result = new List<Education>();
        for (var i = 0; i < lines.Count; i++)
        {
            var degreeMatch = DegreeAbbreviation().Match(lines[i]);
            if (!degreeMatch.Success) degreeMatch = DegreeWord().Match(lines[i]);
            if (!degreeMatch.Success) continue;
            var line = lines[i];
            var range = DateRanges.Find(line).FirstOrDefault();
            var degreeText = range is null ? line : line.Remove(range.Index, Math.Min(range.Text.Length, line.Length - range.Index));
            degreeText = TextLines.StripListMarker(degreeText.Trim(' ', ':', '|', ',', '-', '–', '.'));
            string? school = null;
            var schoolInLine = SchoolWord().Match(degreeText);
            if (schoolInLine.Success)
            {
                var parts = degreeText.Split([", ", " - ", " – ", " at ", " from ", " | "], StringSplitOptions.TrimEntries);
                school = parts.FirstOrDefault(p => SchoolWord().IsMatch(p));
                var degreePart = parts.FirstOrDefault(p => DegreeAbbreviation().IsMatch(p) || DegreeWord().IsMatch(p));
                if (school is not null && degreePart is not null && degreePart != school) degreeText = degreePart;
                else if (school == degreeText) school = null;
            }
            var neighbours = lines.Skip(Math.Max(0, i - 2)).Take(5).Where(l => l.Length > 0).ToList();
            school ??= neighbours.FirstOrDefault(l => l != line && SchoolWord().IsMatch(l) && !DegreeWord().IsMatch(l) && l.Length <= 120) is { } s ? CleanEmployer(s) : null;
            var years = neighbours.SelectMany(l => Year().Matches(l)).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).Where(y => y is >= 1950 and <= 2100).ToList();
            int? year = range?.End?.Year ?? (years.Count > 0 ? years.Max() : null);
            if (result.Any(e => e.Degree == degreeText)) continue;
            result.Add(new Education(degreeText.Length > 150 ? degreeText[..150] : degreeText, school, year));
        }
        return result;
    }

    private static List<string> FindLanguages(List<TextSection<ResumeSectionKind>> sections, List<string> lines)
    {
        var candidates = sections.Where(s => s.Kind == ResumeSectionKind.Languages).SelectMany(s => s.Lines)
            .Concat(lines.Select(l => LanguagesLine().Match(l)).Where(m => m.Success).Select(m => m.Groups["list"].Value));
        var found = new List<string>();
        foreach (var candidate in candidates)
        {
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

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?:https?://|www\.)[^\s<>""]+|(?:linkedin\.com|github\.com|gitlab\.com|kaggle\.com|huggingface\.co)/[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    [GeneratedRegex(@"(?<![\w.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]?\d{2,5}){1,4}(?![\w.])")]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b(?:phone|tel|mobile|cell|contact)\b|电话|手机|联系方式", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneLabel();

    [GeneratedRegex(@"^(?:name|姓名|名字)\s*[:：]\s*(?<name>[^\s,|]{1,20}(?: [^\s,|]{1,20}){0,3})", RegexOptions.IgnoreCase)]
    private static partial Regex NameLabel();

    [GeneratedRegex(@"^(?:[\p{Lu}][\p{Ll}'’-]+|[\p{Lu}]\.|[\p{Lu}]{2,})(?:\s+(?:[\p{Lu}][\p{Ll}'’-]+|[\p{Lu}]\.?|[\p{Lu}]{2,}|van|de|von|da|del|bin|al)){1,3}$")]
    private static partial Regex LatinName();

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}·]{2,4}$")]
    private static partial Regex ChineseName();

    [GeneratedRegex(@"\s+(?:at|@)\s+|\s*[,|，]\s*|\s+[-–—]\s+")]
    private static partial Regex TitleEmployerSeparator();

    [GeneratedRegex(@"\s*\([^)]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"(?<years>\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years?|yrs?)(?:\s*(?:and\s*)?(?<months>\d{1,2})\s*months?)?(?:'|’)?\s*(?:of\s+)?(?:[\w/+#.-]+\s+){0,4}?(?:experience|exp\b)|(?:total\s+(?:\w+\s+)?experience|experience of)\s*[:\-]?\s*(?<years>\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years?|yrs?)(?:\s*(?:and\s*)?(?<months>\d{1,2})\s*months?)?", RegexOptions.IgnoreCase)]
    private static partial Regex StatedEnglish();

    [GeneratedRegex(@"(?<years>\d{1,2})\s*年(?:以上)?(?:的)?(?:[\p{IsCJKUnifiedIdeographs}A-Za-z]{0,6})?(?:工作|从业|开发|研发)?经验")]
    private static partial Regex StatedChinese();

    // Case-sensitive: "BE", "MS", "BA" are degrees only in capitals ("be in", "ms" are words).
    [GeneratedRegex(@"(?<![\w.])(?:Ph\.?\s?D\.?|M\.?B\.?A\.?|M\.?\s?Tech|B\.?\s?Tech|B\.\s?E\.?|BE(?=\s|$|,)|M\.\s?E\.?|B\.?\s?Sc\.?|M\.?\s?Sc\.?|B\.\s?S\.?|BS(?=\s|$|,|c)|M\.\s?S\.?|MS(?=\s|$|,|c)|B\.\s?A\.?|BA(?=\s|$|,)|M\.\s?A\.?|B\.?\s?Com|M\.?\s?Com|BCA|MCA|B\.?Eng|M\.?Eng|BBA|MBA|HSC|SSC|LLB|LLM|MD)(?![\w])")]
    private static partial Regex DegreeAbbreviation();

    [GeneratedRegex(@"\b(?:bachelor(?:'s|s)?|master(?:'s|s)?(?! ?card)|doctor(?:ate)? of|doctoral|associate(?:'s)? (?:degree|of)|diploma|high school|secondary school|post ?graduate|under ?graduate|graduation)\b|博士|硕士|研究生|本科|学士|大专|专科", RegexOptions.IgnoreCase)]
    private static partial Regex DegreeWord();

    [GeneratedRegex(@"\b(?:university|college|institute|school|academy|polytechnic|universit[àéä]\w*|iit|nit|bits)\b|大学|学院|学校", RegexOptions.IgnoreCase)]
    private static partial Regex SchoolWord();

    [GeneratedRegex(@"\b(?:19|20)\d{2}\b")]
    private static partial Regex Year();

    [GeneratedRegex(@"^(?:(?:spoken |human )?languages?(?: known| spoken)?|语言(?:能力)?)\s*[:：\-]\s*(?<list>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex LanguagesLine();

    [GeneratedRegex(@"[A-Za-z]+")]
    private static partial Regex LanguageToken();
}
