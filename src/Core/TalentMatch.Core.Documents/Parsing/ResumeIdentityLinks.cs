using System.Text.RegularExpressions;

namespace TalentMatch.Core.Documents;

/// <summary>
/// Which links an anonymised read hides: the person's own, not every link. A resume's body names employers', clients' and
/// projects' sites ("Developed www.diljewels.com"), and hiding them takes what the work was from the recruiter while it
/// hides nothing about the person. The embedding text (<see cref="WithoutIdentity"/>) still drops every link: what a
/// stored vector was built from does not change.
/// </summary>
public static partial class ResumeParser
{
    /// <summary>How far before a link its label may start ("Visit my web site :  ").</summary>
    private const int LinkLabelReach = 25;

    /// <summary>
    /// The person's links among <paramref name="links"/>: a profile on a site of profiles (linkedin.com/in/…, indeed.com/r/…,
    /// github.com/user, stackoverflow.com/users/…), a link written in a contact block (the top of the resume, or after
    /// the person's full name further down, or just after an e-mail), a link after a personal-site label ("Website:",
    /// "Homepage", "Portfolio -", "Private:"), and any other link to the host of one of those (a home page's own pages).
    /// </summary>
    private static List<string> PersonalLinks(string text, IReadOnlyList<string> links, List<(int Start, int End)> contactBlocks, ReadBudget budget)
    {
        var personal = new List<string>();
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var link in links)
        {
            budget.Step();
            if (ProfileLink().IsMatch(link))
            {
                personal.Add(link);
                continue;
            }
            var count = 0;
            for (var i = text.IndexOf(link, StringComparison.OrdinalIgnoreCase); i >= 0 && count++ < ContactBlocks; i = text.IndexOf(link, i + link.Length, StringComparison.OrdinalIgnoreCase))
            {
                var before = text.AsSpan(Math.Max(0, i - LinkLabelReach), Math.Min(i, LinkLabelReach));
                // A page's footer repeats the contact line: "aWiza@hotmail.com • www.eggwall.com".
                var contactLine = text.AsSpan(Math.Max(0, i - 2 * LinkLabelReach), Math.Min(i, 2 * LinkLabelReach));
                if (contactBlocks.Any(b => b.Start <= i && i < b.End) || PersonalSiteLabel().IsMatch(before) || Email().IsMatch(contactLine))
                {
                    personal.Add(link);
                    hosts.Add(Host(link));
                    break;
                }
            }
        }
        foreach (var link in links)
        {
            if (!personal.Contains(link) && hosts.Contains(Host(link))) personal.Add(link);
        }
        return personal;
    }

    /// <summary>"http://www.hardikdubal.com/portfolio/x.swf" → "hardikdubal.com".</summary>
    private static string Host(string link)
    {
        var host = link.AsSpan();
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) host = host[(scheme + 3)..];
        if (host.StartsWith("www.", StringComparison.OrdinalIgnoreCase)) host = host[4..];
        var path = host.IndexOfAny('/', '?', '#');
        return (path >= 0 ? host[..path] : host).ToString();
    }

    /// <summary>A person's profile on a site of profiles (a repository or a company page under github.com/user/… is not).</summary>
    [GeneratedRegex(@"(?:linkedin\.com/(?:in|pub)/|indeed\.com/r/|stackoverflow\.com/users/|habrahabr\.ru/users/|twitter\.com/|kaggle\.com/|huggingface\.co/|(?:github|gitlab)\.com/[\w.-]+/?$)", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex ProfileLink();

    /// <summary>A label for the person's own site just before a link: "Website:", "Web:", "Homepage", "Visit my web site :", "Portfolio - ", "WWW: Private:", "Blog:".</summary>
    [GeneratedRegex(@"(?<![\p{L}])(?i:web\s?site|web|home\s?page|www|blog|e?-?portfolio|private|personal\s+site|linkedin|twitter|github|account)\s{0,3}[:：\-–]?\s{0,3}$", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex PersonalSiteLabel();
}
