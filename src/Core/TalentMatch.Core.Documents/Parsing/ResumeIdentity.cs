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
    /// <remarks>
    /// The same spans as <see cref="FindIdentity"/> without the display-only kinds (addresses, schools): what the
    /// vector is built from was fixed before those existed, and changing it would change every stored vector.
    /// </remarks>
    public static string WithoutIdentity(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var budget = ReadBudget.For(cancellationToken);
        var lines = LinesWithOffsets(text);
        var spans = FindIdentity(text, lines, RedactionOptions.ForEmbedding, budget);
        var kept = new List<string>(lines.Count);
        var next = 0;
        foreach (var (start, end) in lines)
        {
            budget.Step();
            while (next < spans.Count && spans[next].End <= start) next++;
            var line = text[start..end];
            if (PersonalLabel().IsMatch(line) || spans.Any(s => s.Kind == IdentityKind.Name && s.Start <= start + Leading(line) && s.End >= end - Trailing(line) && line.Trim().Length > 0))
            {
                kept.Add("");
                continue;
            }

            var cleaned = new System.Text.StringBuilder();
            var at = start;
            for (; next < spans.Count && spans[next].Start < end; next++)
            {
                var s = spans[next];
                cleaned.Append(text, at, Math.Max(0, s.Start - at)).Append(' ');
                at = Math.Max(at, Math.Min(s.End, end));
            }
            cleaned.Append(text, at, end - at);
            kept.Add(Spaces().Replace(cleaned.ToString(), " ").Trim());
        }

        return string.Join("\n", kept);
    }

    /// <summary>
    /// Where a resume identifies its person (<see cref="IdentityKind"/>): sorted, non-overlapping spans of
    /// <paramref name="text"/>, for <see cref="Redaction.Redact"/>. A labelled personal-details line ("Gender: Male",
    /// "出生年月：1992.05") gives its value, the label stays readable.
    /// </summary>
    public static IReadOnlyList<IdentitySpan> FindIdentity(string text, RedactionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        using var budget = ReadBudget.For(cancellationToken);
        return FindIdentity(text, LinesWithOffsets(text), options, budget);
    }

    private static List<IdentitySpan> FindIdentity(string text, List<(int Start, int End)> textLines, RedactionOptions options, ReadBudget budget)
    {
        var lines = TextLines.Split(text);
        // An anonymised read (addresses on) looks harder than the embedding text, whose redaction is fixed (ResumeIdentityReads.cs).
        var read = options.Addresses;
        // A resume flattened from a PDF keeps its lines apart by runs of spaces only ("Jane Doe  1 Main Street  Cell: …"):
        // for a read, those runs count as line breaks when looking for the name and the address at the top.
        var segments = read ? [.. lines.SelectMany(l => SpaceRun().Split(l)).Select(l => l.Trim()).Where(l => !DocumentTitle().IsMatch(l))] : lines;
        var contact = FindContact(segments, budget);
        var names = read ? NamesForRead(segments, contact, text, budget) : contact.Name is { } n ? [n] : [];
        var blocks = read ? ContactBlocksOf(text, names) : [];
        var phones = read ? contact.Phones.Concat(PhonesForRead(text, blocks, budget)).Distinct().ToList() : contact.Phones;
        var found = new List<IdentitySpan>();
        var personalValues = read ? AddInlinePersonalValues(found, text, budget) : [];
        // A read looks for links in the whole text: a segment with "resume" in it is a template's title for the name, but
        // "http://patisaul.com/resume" is a link all the same.
        var links = read ? PersonalLinks(text, LinksIn(text), blocks, budget) : contact.Links;
        // Street addresses where the person's own are: the top of the resume and a contact block that opens with their
        // name (an employer's further down is not theirs).
        foreach (var (start, end) in blocks)
        {
            AddMatches(found, StreetAddress(), text[start..end], start, IdentityKind.Address);
            AddMatches(found, ForeignStreetAddress(), text[start..end], start, IdentityKind.Address);
        }
        if (read)
        {
            AddMatches(found, UnnumberedStreet(), text[..Math.Min(text.Length, AddressScope)], 0, IdentityKind.Address);
            AddMatches(found, NumberedPlaceBeforeTown(), text[..Math.Min(text.Length, AddressScope)], 0, IdentityKind.Address);
            AddInlineAddresses(found, text, budget);
        }
        // The person's address at the top is theirs wherever else it is written (a page header repeats it).
        var topAddresses = found.Where(f => f.Kind == IdentityKind.Address && f.Start < AddressScope && f.End - f.Start >= MinRepeatedAddress)
            .Select(f => text[f.Start..f.End]).Distinct();
        var known = contact.Emails.Select(v => (v, IdentityKind.Email)).Concat(links.Select(v => (v, IdentityKind.Link)))
            .Concat(phones.Select(v => (v, IdentityKind.Phone)))
            .Concat(names.SelectMany(NameForms).Distinct().Select(v => (v, IdentityKind.Name)))
            .Concat(personalValues.Select(p => (v: p.Value, p.Kind)))
            .Concat(topAddresses.Select(v => (v, IdentityKind.Address)))
            .Where(k => k.v.Length > 1).ToList();
        foreach (var (start, end) in textLines)
        {
            budget.Step();
            var line = text[start..end];
            var label = PersonalLabel().Match(line);
            if (label.Success)
            {
                AddTrimmed(found, text, start + label.Index + label.Length, end, LabelKind(label));
                continue;
            }
            if (options.Addresses && AddressLabel().Match(line) is { Success: true } address)
            {
                AddTrimmed(found, text, start + address.Index + address.Length, end, IdentityKind.Address);
                continue;
            }

            foreach (var (value, kind) in known)
            {
                for (var i = line.IndexOf(value, StringComparison.OrdinalIgnoreCase); i >= 0; i = line.IndexOf(value, i + value.Length, StringComparison.OrdinalIgnoreCase))
                {
                    if (kind is not (IdentityKind.Name or IdentityKind.Origin or IdentityKind.Address) || IsWordBoundary(line, i, value.Length)) found.Add(new(start + i, start + i + value.Length, kind));
                }
            }
            AddMatches(found, Email(), line, start, IdentityKind.Email);
            AddMatches(found, Age(), line, start, IdentityKind.Age);
            AddMatches(found, GenderedWord(), line, start, IdentityKind.Gender);
            if (options.Schools)
            {
                AddMatches(found, SchoolName(), line, start, IdentityKind.School);
                AddMatches(found, PrestigeTag(), line, start, IdentityKind.School);
            }
        }
        return Merge(found);
    }

    /// <summary>What needs no context to be found: e-mails, ages and gendered words, replaced by their placeholders.</summary>
    internal static string RedactPatterns(string fragment, CancellationToken cancellationToken)
    {
        using var budget = ReadBudget.For(cancellationToken);
        var found = new List<IdentitySpan>();
        AddMatches(found, Email(), fragment, 0, IdentityKind.Email);
        AddMatches(found, Age(), fragment, 0, IdentityKind.Age);
        AddMatches(found, GenderedWord(), fragment, 0, IdentityKind.Gender);
        budget.Step();
        return Redaction.Redact(fragment, Merge(found)).Text;
    }

    /// <summary>The name as written and, for a Latin name, its given and family names alone (a summary says "Jane led…").</summary>
    private static IEnumerable<string> NameForms(string name)
    {
        yield return name;
        if (TextLines.ContainsCjk(name)) yield break;
        foreach (var part in name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length >= 3 && char.IsUpper(p[0]) && p.Skip(1).Any(char.IsLower)))
        {
            yield return part;
        }
    }

    private static bool IsWordBoundary(string line, int index, int length) =>
        (index == 0 || !char.IsLetterOrDigit(line[index - 1]) || TextLines.IsCjk(line[index]))
        && (index + length == line.Length || !char.IsLetterOrDigit(line[index + length]) || TextLines.IsCjk(line[index + length - 1]));

    private static IdentityKind LabelKind(Match label) =>
        label.Groups["birth"].Success ? IdentityKind.BirthDate
        : label.Groups["age"].Success ? IdentityKind.Age
        : label.Groups["gender"].Success ? IdentityKind.Gender
        : label.Groups["marital"].Success ? IdentityKind.MaritalStatus
        : label.Groups["photo"].Success ? IdentityKind.Photo
        : IdentityKind.Origin;

    private static void AddTrimmed(List<IdentitySpan> found, string text, int start, int end, IdentityKind kind)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end > start) found.Add(new(start, end, kind));
    }

    private static void AddMatches(List<IdentitySpan> found, Regex pattern, string line, int offset, IdentityKind kind)
    {
        foreach (Match m in pattern.Matches(line))
        {
            var length = m.Value.TrimEnd().Length;
            if (length > 0) found.Add(new(offset + m.Index, offset + m.Index + length, kind));
        }
    }

    /// <summary>Sorted and non-overlapping: overlapping spans become one, of the kind of the one that starts first (the longer on a tie).</summary>
    private static List<IdentitySpan> Merge(List<IdentitySpan> found)
    {
        var merged = new List<IdentitySpan>(found.Count);
        foreach (var span in found.OrderBy(s => s.Start).ThenByDescending(s => s.End))
        {
            if (merged.Count > 0 && span.Start < merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, span.End) };
                continue;
            }
            merged.Add(span);
        }
        return merged;
    }

    /// <summary>Each line's <c>[start, end)</c> in the text, without its line break (\n, \r\n or \r).</summary>
    private static List<(int Start, int End)> LinesWithOffsets(string text)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('\n' or '\r')) continue;
            lines.Add((start, i));
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            start = i + 1;
        }
        lines.Add((start, text.Length));
        return lines;
    }

    /// <summary>How far from the start a street address is taken as the person's own.</summary>
    private const int AddressScope = 600;

    /// <summary>An address found at the top shorter than this ("5 Oak") is not looked for elsewhere: it would be found in other words.</summary>
    private const int MinRepeatedAddress = 8;

    private static int Leading(string line) => line.Length - line.TrimStart().Length;

    private static int Trailing(string line) => line.Length - line.TrimEnd().Length;

    [GeneratedRegex(@"^\W*(?:(?<birth>date\s+of\s+birth|birth\s*date|birthday|born|d\.?o\.?b\.?|出生日期|出生年月|出生|生日)|(?<age>age|年龄)|(?<gender>gender|sex|性别)|(?<marital>marital\s+status|family\s+status|civil\s+status|婚姻状况|婚否|婚姻)|(?<photo>photo(?:graph)?|picture|照片|相片)|nationality|citizenship|religion|ethnicity|race|民族|籍贯|国籍|宗教|政治面貌)\b\s*[:：]?", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex PersonalLabel();

    // Non-backtracking: "\W*" then "\s*" over a long run of spaces tried every split of it (quadratic; RegexAuditTests).
    [GeneratedRegex(@"^\W*(?:(?:home|postal|mailing|permanent|current|residential)?\s*address|residence|地址|住址|家庭住址|通讯地址|现居住地|现住址|居住地)\s*[:：]\s*", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex AddressLabel();

    [GeneratedRegex(@"\b(?:he|she|him|her|his|hers|himself|herself|male|female|man|woman|men|women|mr|mrs|ms|miss|mx|gentleman|lady|boy|girl|husband|wife|mother|father)\b\.?|先生|女士|小姐", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex GenderedWord();

    [GeneratedRegex(@"\b(?:aged?\s*:?\s*\d{1,2}|\d{1,2}\s*(?:-\s*)?(?:years?|yrs?)[\s-]*old|\d{1,2}\s*y/?o)\b|\d{1,2}\s*周?岁", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Age();

    /// <summary>A school's name: capitalised words around University/College/Institute/… ("University of Oxford", "Adithya Institute of Technology"), or 北京大学-style names.</summary>
    // A name starts where a word starts, and its words are taken whole (atomic): otherwise every position inside a long
    // run of capitals began a name that consumed the rest of the run (quadratic; RegexAuditTests).
    [GeneratedRegex(@"(?<![\p{L}&'.-])(?:(?:(?>[\p{Lu}][\p{L}&'.-]*)|of|and|for|the)\s+){0,5}?(?:(?>[\p{Lu}][\p{L}&'.-]*)\s+)?(?:University|College|Institute|Polytechnic|Academy|IIT|NIT|BITS)\b(?:\s+(?:of|for)(?:\s+(?:[\p{Lu}][\p{L}&'.-]*|and|the))+)?(?:,?\s+[\p{Lu}][\p{Ll}]+(?=\s*$))?|[\p{IsCJKUnifiedIdeographs}]{2,10}(?:大学|学院)", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex SchoolName();

    /// <summary>Prestige tags that say where someone studied rather than what they know: 985/211 (only beside another tag or 工程/院校/高校/大学), 双一流, C9, Ivy League, 常春藤.</summary>
    [GeneratedRegex(@"(?<![\d.])(?:985|211)(?:\s*(?:/|、|和|&)\s*(?:985|211))?(?:\s*(?:工程|院校|高校|大学|名校|重点|universit(?:y|ies)|school))+|(?<![\d.])(?:985|211)\s*/\s*(?:985|211)(?![\d.])|双一流(?:高校|大学|院校)?|\bC9\b|\bIvy\s+League\b|常春藤(?:盟校|名校)?", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex PrestigeTag();

    [GeneratedRegex(@"[ \t]{2,}", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Spaces();

    /// <summary>A template's title ("Social Media Resume Sample"), never a name.</summary>
    [GeneratedRegex(@"\b(?:resume|résumé|cv|curriculum|vitae|sample|template)\b", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex DocumentTitle();

    [GeneratedRegex(@"[ \t]{2,}|\s[|•▪♦·]\s", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex SpaceRun();

    /// <summary>
    /// A house number and street ("12 Mill Lane", "144, Newark 68 Street", "7D/4 W Kansas St.", "5726 Apple way Drive") with
    /// its apartment ("1405 Columbia Ave., Apt. #17"), or a PO box; on one line (a postcode and town above are not its words).
    /// </summary>
    [GeneratedRegex(@"\b\d{1,5}[A-Z]?(?:/\d{1,4})?,?[ \t]{1,2}(?:[NSEW]\.?[ \t])?[\p{Lu}\d][\p{L}\d'-]*\.?[ \t](?:[\p{L}\d][\p{L}\d'-]*\.?[ \t]){0,2}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Court|Ct|Circle|Boulevard|Blvd|Way|Place|Pl|Hall|Terrace|Close|Crescent|Square|Sq|Highway|Hwy|Apartments)\b\.?(?:,?\s{1,2}(?:Apt|Apartment|Suite|Ste|Unit|Flat)\b\.?\s?#?\s?[A-Za-z0-9-]{1,6}\b\.?)?|\b(?:P\.?\s?O\.?\s+)?Box\s+\d{2,6}\b", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex StreetAddress();

    /// <summary>
    /// Streets written the French, Indian and Nordic/German ways: "42, rue Manin", "25 rue de la Bercillière", "564, Solani
    /// Puram", "4/105,muthamizh nagar", "Nydalsveien 37", "Hauptstraße 5". Words may hold a source's literal escapes (\xc3\xa8).
    /// </summary>
    [GeneratedRegex(@"\b\d{1,4}(?:\s?(?:bis|ter))?,?\s{1,2}(?i:rue|avenue|boulevard|bd|allée|chemin|impasse|quai|cours)\s(?:(?:de|du|des|la|le)\s){0,2}[\p{Lu}][\p{L}\\\d'-]*|\b\d{1,5}(?:[/-]\d{1,5}|-?[A-Z])?,\s?(?:[\p{L}]+\s){0,2}[\p{L}]+\s(?i:nagar|puram|colony|enclave|layout|salai|marg|vihar)\b|\b[\p{Lu}][\p{Ll}]+(?:veien|vegen|gata|gaten|gate|gade|vej|straße|strasse|weg|straat)\s\d{1,4}[A-Za-z]?\b", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex ForeignStreetAddress();

    /// <summary>
    /// A house number and a name without a street word, just before the town ("1255 University, Montreal, QC", "7923 Bohning
    /// ● Houston, TX", "123 Your Address  City, State"): read at the top only. A year or "5 Years" is not a house number.
    /// </summary>
    [GeneratedRegex(@"\b(?!(?:19|20)\d{2}\b)\d{1,5}(?![ \t](?i:years?|yrs?|months?)\b)[ \t][\p{Lu}][\p{L}'-]+(?:[ \t][\p{Lu}][\p{L}'-]*){0,2}(?=,?[ \t]{0,4}(?:[^\p{L}\d\s]|\\x[0-9a-fA-F]{2}){0,12}[ \t]{0,4}[\p{Lu}][\p{L}]+(?:[ \t][\p{Lu}][\p{L}]+)?,[ \t](?:[A-Z]{2}\b|[\p{Lu}][\p{Ll}]+))", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex NumberedPlaceBeforeTown();
}
