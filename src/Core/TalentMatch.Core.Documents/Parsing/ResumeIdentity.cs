using System.Text.RegularExpressions;
using TalentMatch.Core.Documents.Parsing;

namespace TalentMatch.Core.Documents;

public static partial class ResumeParser
{
    /// <summary>
    /// A resume's text without what identifies the person or states a protected characteristic: the contact details
    /// the parser finds (name wherever it recurs, e-mails, phones, links), lines labelled as personal details (birth
    /// date, age, gender, marital status, photo, nationality, religion, ethnic group; English and Chinese), ages and
    /// gendered words (pronouns, honorifics, man/woman). What goes into a profile's vector is built from this, so
    /// none of it can move a match score (docs/responsible-matching.md). Line structure is kept, a removed line
    /// becomes empty. The same checks on time as <see cref="Parse(string, DateOnly, CancellationToken)"/>.
    /// </summary>
    public static string WithoutIdentity(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var budget = ReadBudget.For(cancellationToken);
        var lines = TextLines.Split(text);
        var contact = FindContact(lines, budget);
        var kept = new List<string>(lines.Count);
        foreach (var line in lines)
        {
            budget.Step();
            if (PersonalLabel().IsMatch(line) || (contact.Name is { } whole && line.Trim() == whole))
            {
                kept.Add("");
                continue;
            }

            var cleaned = line;
            foreach (var value in contact.Emails.Concat(contact.Links).Concat(contact.Phones).Append(contact.Name).OfType<string>().Where(v => v.Length > 1))
            {
                cleaned = cleaned.Replace(value, " ", StringComparison.OrdinalIgnoreCase);
            }

            cleaned = GenderedWord().Replace(Age().Replace(Email().Replace(cleaned, " "), " "), " ");
            kept.Add(Spaces().Replace(cleaned, " ").Trim());
        }

        return string.Join("\n", kept);
    }

    [GeneratedRegex(@"^\W*(?:date\s+of\s+birth|birth\s*date|birthday|born|d\.?o\.?b\.?|age|gender|sex|marital\s+status|family\s+status|civil\s+status|photo(?:graph)?|picture|nationality|citizenship|religion|ethnicity|race|出生日期|出生年月|出生|生日|年龄|性别|婚姻状况|婚否|婚姻|照片|相片|民族|籍贯|国籍|宗教|政治面貌)\b\s*[:：]?", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex PersonalLabel();

    [GeneratedRegex(@"\b(?:he|she|him|her|his|hers|himself|herself|male|female|man|woman|men|women|mr|mrs|ms|miss|mx|gentleman|lady|boy|girl|husband|wife|mother|father)\b\.?|先生|女士|小姐", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex GenderedWord();

    [GeneratedRegex(@"\b(?:aged?\s*:?\s*\d{1,2}|\d{1,2}\s*(?:-\s*)?(?:years?|yrs?)[\s-]*old|\d{1,2}\s*y/?o)\b|\d{1,2}\s*周?岁", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Age();

    [GeneratedRegex(@"[ \t]{2,}", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Spaces();
}
