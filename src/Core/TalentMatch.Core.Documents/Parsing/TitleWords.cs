using System.Text.RegularExpressions;

namespace TalentMatch.Core.Documents.Parsing;

/// <summary>Words that make a phrase a job title ("engineer", "工程师"), and the seniority a title implies.</summary>
internal static partial class TitleWords
{
    /// <summary>True when the phrase contains a job-title noun.</summary>
    public static bool ContainsTitle(string phrase) => TitleNoun().IsMatch(phrase) || ChineseTitle().IsMatch(phrase);

    /// <summary>
    /// True when the phrase names an occupation: a job-title noun, or one of the wider set of occupations
    /// resumes outside tech hold ("Bank Teller", "Paralegal", "Senior HR Professional"). Job ads keep the
    /// narrower <see cref="ContainsTitle"/>, where "professional" or "assistant" are too often plain words.
    /// </summary>
    public static bool ContainsOccupation(string phrase) => ContainsTitle(phrase) || OccupationNoun().IsMatch(phrase);

    /// <summary>True when the phrase ends with a job-title noun ("Founding Frontend Engineer", "算法工程师").</summary>
    public static bool EndsWithTitle(string phrase) => TitleNounAtEnd().IsMatch(phrase) || ChineseTitleAtEnd().IsMatch(phrase);

    public static Seniority SeniorityOf(string? title)
    {
        if (string.IsNullOrWhiteSpace(title)) return Seniority.Unknown;
        if (Intern().IsMatch(title)) return Seniority.Intern;
        if (Executive().IsMatch(title)) return Seniority.Executive;
        if (Director().IsMatch(title)) return Seniority.Director;
        if (Principal().IsMatch(title)) return Seniority.Principal;
        if (Staff().IsMatch(title)) return Seniority.Staff;
        if (Lead().IsMatch(title)) return Seniority.Lead;
        if (Manager().IsMatch(title)) return Seniority.Manager;
        if (Senior().IsMatch(title)) return Seniority.Senior;
        if (Mid().IsMatch(title)) return Seniority.Mid;
        if (Junior().IsMatch(title)) return Seniority.Junior;
        return Seniority.Unknown;
    }

    private const string Nouns = @"engineers?|developers?|scientists?|researchers?|analysts?|architects?|managers?|designers?|consultants?|administrators?|specialists?|programmers?|SWEs?|MLEs?|SREs?|devops|interns?|leads?|directors?|head of [\w ]+|VP|CTO|CEO|CIO|officers?|technicians?|coordinators?|associates?|executives?|accountants?|advocates?|teachers?|tutors?|operators?|testers?|strategists?|owners?|partners?|writers?|editors?|trainers?|physicians?|nurses?";

    [GeneratedRegex(@"\b(?:" + Nouns + @")\b", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex TitleNoun();

    private const string Occupations = @"assistants?|professionals?|generalists?|representatives?|agents?|attorneys?|lawyers?|paralegals?|advis[eo]rs?|counsel(?:l)?ors?|clerks?|secretar(?:y|ies)|receptionists?|cashiers?|tellers?|bookkeepers?|auditors?|recruiters?|supervisors?|foreman|leadman|mechanics?|electricians?|producers?|copywriters?|artists?|instructors?|lecturers?|professors?|coach(?:es)?|mentors?|aides?|therapists?|pharmacists?|chefs?|cooks?|drivers?|waiters?|waitress(?:es)?|fellows?|president|chairman|founder|co-founder|contractors?|freelancers?|newsreaders?|anchors?|sitters?|babysitters?|laborers?|labourers?|translators?|interpreters?|journalists?|reporters?|photographers?|advertisers?|marketers?|planners?|buyers?|estimators?|inspectors?|surveyors?|treasurers?|dean|principal|superintendent|postdoc(?:toral)?|phd student|trainees?|apprentices?|volunteers?";

    [GeneratedRegex(@"\b(?:" + Occupations + @")\b", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex OccupationNoun();

    [GeneratedRegex(@"\b(?:" + Nouns + @")\s*[.!]?$", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex TitleNounAtEnd();

    [GeneratedRegex(@"工程师|研究员|科学家|专家|经理|总监|架构师|开发|算法|实习生|负责人|主管|分析师|设计师|研究院|顾问|产品经理|运维|测试", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex ChineseTitle();

    [GeneratedRegex(@"(?:工程师|研究员|科学家|专家|经理|总监|架构师|实习生|负责人|主管|分析师|设计师|顾问)$", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex ChineseTitleAtEnd();

    [GeneratedRegex(@"\bintern(ship)?\b|实习", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Intern();

    [GeneratedRegex(@"\b(VP|vice president|chief|CTO|CEO|CIO|CDO)\b|副总裁|首席", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Executive();

    [GeneratedRegex(@"\b(director|head of)\b|总监", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Director();

    [GeneratedRegex(@"\b(principal|distinguished)\b|专家", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Principal();

    [GeneratedRegex(@"\bstaff\b", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Staff();

    [GeneratedRegex(@"\b(lead|tech lead|team lead)\b|负责人|组长", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Lead();

    [GeneratedRegex(@"\bmanager\b|经理", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Manager();

    [GeneratedRegex(@"\b(senior|sr\.?)(?=\s|$)|高级|资深", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Senior();

    [GeneratedRegex(@"\b(mid[- ]level|intermediate)\b|中级", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Mid();

    [GeneratedRegex(@"\b(junior|jr\.?|entry[- ]level|graduate|associate)(?=\s|$)|初级|应届", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Junior();
}
