using System.Text.RegularExpressions;
using TalentMatch.Core.Documents.Parsing;

namespace TalentMatch.Core.Documents;

/// <summary>
/// What only an anonymised read looks for (<see cref="RedactionOptions.Addresses"/> on): the name, phones and labelled
/// personal values written the way PDF-flattened resumes write them. The embedding text (<see cref="WithoutIdentity"/>)
/// does not use these: what a stored vector was built from would change, and every vector with it.
/// </summary>
public static partial class ResumeParser
{
    /// <summary>How many cheap iterations (an anchored match, a digit count) go between two checks of the read budget.</summary>
    private const int CheapSteps = 64;

    /// <summary>How many of the top segments (lines, or runs between wide gaps of a flattened line) may hold the name.</summary>
    private const int NameSegments = 15;

    /// <summary>How far after each occurrence of the person's full name a repeated contact block (page header, footer, "Personal details") reaches.</summary>
    private const int ContactBlockReach = 250;

    /// <summary>At most this many occurrences of the name open a contact block: a bound on the work a hostile text can ask for.</summary>
    private const int ContactBlocks = 20;

    /// <summary>
    /// The person's names for a read: a labelled name, else the first top segment that reads as a name once what follows
    /// it on the same segment is cut off ("Todd Kertzmann, MBA, PMP", "Omar Jacobson. Heath", "\"Hal Doyle"), of any
    /// number of words; and the name a profile link spells (indeed.com/r/chung-dickinson) as the text writes it.
    /// </summary>
    private static List<string> NamesForRead(List<string> segments, ContactDetails contact, string text, ReadBudget budget)
    {
        var names = new List<string>();
        // The contact's name is the labelled one when there is one: without a name there was no label to look for again.
        // A title that names its person ("RESUME OF Darell Cormier", "Resume of Nolan") says so in any number of words.
        if ((NameAfterTitle(text) ?? (contact.Name is null ? null : LabelledName(segments, budget)) ?? NameAtTop(segments, budget)) is { } top) names.Add(top);
        var links = contact.Links;
        foreach (var link in links)
        {
            budget.Step();
            if (ProfileSlug().Match(link) is { Success: true } slug && NameAsWritten(text, slug.Groups["slug"].Value.Split('-')) is { } written
                && !names.Contains(written, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(written);
            }
        }
        return names;
    }

    /// <summary>"Name: Jane Doe", "姓名：张伟".</summary>
    private static string? LabelledName(List<string> lines, ReadBudget budget)
    {
        var seen = 0;
        foreach (var segment in lines)
        {
            // One anchored match per line is cheap; the budget's check reads the processor clock and is not.
            if (++seen % CheapSteps == 0) budget.Step();
            if (NameLabel().Match(segment) is { Success: true } labelled) return labelled.Groups["name"].Value.Trim();
        }
        return null;
    }

    /// <summary>The name of "RESUME OF Darell Cormier" or "Curriculum vitae of Jane Doe" in the top of the resume; null when no title names it.</summary>
    private static string? NameAfterTitle(string text)
    {
        var top = text.AsSpan(0, Math.Min(text.Length, AddressScope));
        foreach (var title in TitleOfName().EnumerateMatches(top))
        {
            var rest = top[(title.Index + title.Length)..].ToString();
            var segment = SpaceRun().Split(rest.Split('\n', 2)[0], 2)[0].Trim();
            if (NameCandidate(segment) is { } candidate && TolerantName().IsMatch(candidate) && candidate.Any(char.IsLetter)) return candidate;
        }
        return null;
    }

    private static string? NameAtTop(List<string> segments, ReadBudget budget)
    {
        var seen = 0;
        var read = 0;
        foreach (var segment in segments)
        {
            budget.Step();
            if (segment.Length == 0) continue;
            if (seen++ >= NameSegments || read > AddressScope) break;
            read += segment.Length;
            // The name comes before the first section: past a heading, capitalised words are employers, schools and subjects.
            if (seen > 1 && SectionSplitter.TryHeading(segment, Headings, out _, out _)) break;
            if (NameCandidate(segment) is not { } candidate) continue;
            // "Mr. Durgan B.E.(CIVIL)": an honorific says that a name follows, one word is enough.
            var titled = Honorific().IsMatch(segment);
            if (SectionSplitter.TryHeading(candidate, Headings, out _, out _) || TitleWords.ContainsOccupation(candidate)) continue;
            if (ChineseName().IsMatch(candidate)) return candidate;
            var single = !candidate.Contains(' ', StringComparison.Ordinal);
            // One word is a name only as the very first thing ("Von", "Dibbert.V"), and not in capitals ("MR", "RESUME").
            if (single && !titled && (seen > 1 || candidate.Length < 3 || !char.IsLower(candidate[^1]))) continue;
            // Capitals alone read as a name only first and short ("JOHN A. SMITH"); later they are employers ("TAROKO TECHNOLOGIES").
            if (!candidate.Any(char.IsLower) && (seen > 1 || candidate.Split(' ').Length > 4)) continue;
            if (TolerantName().IsMatch(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>
    /// The segment without leading punctuation and cut where a name cannot go on: a comma (credentials), " - " or " (" (a
    /// title), "|", or a full stop after a word that is not an initial. Null for "City, ST".
    /// </summary>
    private static string? NameCandidate(string segment)
    {
        var start = 0;
        while (start < segment.Length && !char.IsLetterOrDigit(segment[start])) start++;
        if (Honorific().Match(segment, start) is { Success: true } honorific && honorific.Index == start) start += honorific.Length;
        if (start == segment.Length || char.IsDigit(segment[start])) return null;
        var end = start;
        for (; end < segment.Length; end++)
        {
            var c = segment[end];
            if (c is ',' or '|' or '(' or '–' or '—') break;
            if (c == '-' && end > start && segment[end - 1] == ' ') break;
            if (c == '.' && end - start >= 2 && char.IsLetter(segment[end - 1]) && char.IsLetter(segment[end - 2])) break;
        }
        if (end < segment.Length && segment[end] == ',' && StateAfterComma().IsMatch(segment.AsSpan(end))) return null;
        var candidate = Credentials().Replace(segment[start..end], "").Trim();
        // "San Francisco AC  94102": a city and its state code, not a name (a name's last word is not two capitals alone).
        if (CityAndState().IsMatch(candidate)) return null;
        // "Noe Ziemann Road Denmark", "Student Seeking Internship": a name ends before a capitalised word no name has, and
        // two words at least remain of it; the word in lower case ("Web User Interface experience") makes it a phrase.
        if (NeverAName().Match(candidate) is { Success: true } stop)
        {
            if (!char.IsUpper(candidate[stop.Index])) return null;
            candidate = candidate[..stop.Index].Trim();
            if (!candidate.Contains(' ', StringComparison.Ordinal)) return null;
        }
        return candidate.Length >= 2 ? candidate : null;
    }

    /// <summary>The words of <paramref name="slug"/> as they stand in the text, in order, apart only by blanks; null when the text never writes them so.</summary>
    private static string? NameAsWritten(string text, string[] slug)
    {
        var found = 0;
        for (var i = text.IndexOf(slug[0], StringComparison.OrdinalIgnoreCase); i >= 0 && found++ < ContactBlocks; i = text.IndexOf(slug[0], i + 1, StringComparison.OrdinalIgnoreCase))
        {
            var at = i;
            var matched = true;
            for (var w = 0; w < slug.Length && matched; w++)
            {
                if (w > 0)
                {
                    var blanks = 0;
                    while (at < text.Length && text[at] is ' ' or '\t' && blanks < 3) { at++; blanks++; }
                    matched = blanks > 0;
                }
                matched = matched && string.Compare(text, at, slug[w], 0, slug[w].Length, StringComparison.OrdinalIgnoreCase) == 0;
                at += slug[w].Length;
            }
            if (matched && IsWordBoundary(text, i, at - i) && char.IsUpper(text[i])) return text[i..at];
        }
        return null;
    }

    /// <summary>
    /// Phones as an anonymised read must find them: in the top of the resume, in each contact block that opens with the
    /// person's full name, and after a phone label anywhere ("T: 0123 345 7890", "Mobile : 91- 1235456789",
    /// "(123) 456 -5890", "+91-99********"); dates and year ranges are not phones.
    /// </summary>
    private static List<string> PhonesForRead(string text, List<(int Start, int End)> contactBlocks, ReadBudget budget)
    {
        // One search of the text, from digits only (a search for the labels' words tried every letter and cost a read more
        // than the rest of it): a number of a phone's shape is one in a contact block, elsewhere only right after a label.
        var phones = new List<string>();
        var seen = 0;
        foreach (Match m in ReadPhone().Matches(text))
        {
            // The budget reads the thread's processor clock: once per plausible phone, and per so many digit runs of a long text.
            if (++seen % CheapSteps == 0) budget.Step();
            if (!HasPhoneDigits(m.Value)) continue;
            budget.Step();
            var before = text.AsSpan(Math.Max(0, m.Index - PhoneLabelReach), Math.Min(m.Index, PhoneLabelReach));
            if (contactBlocks.Any(b => b.Start <= m.Index && m.Index < b.End) || PhoneLabelBefore().IsMatch(before)) AddPhone(phones, m.Value);
        }
        return phones;
    }

    /// <summary>How far before a number its phone label may start ("Contact no. : ").</summary>
    private const int PhoneLabelReach = 20;

    private static void AddPhone(List<string> phones, string value)
    {
        value = value.Trim();
        if (NotAPhone().IsMatch(value) || phones.Contains(value)) return;
        phones.Add(value);
    }

    /// <summary>7–16 digits, or a few digits and a mask ("+91-99********"): a single digit or a year is no phone.</summary>
    private static bool HasPhoneDigits(string value)
    {
        var digits = 0;
        var masked = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c)) digits++;
            else if (c is 'X' or '*') masked++;
        }
        return digits + masked is >= 7 and <= 16 && digits >= 2;
    }

    /// <summary>The top of the resume, and the stretch after each occurrence of the person's full name (a contact block repeated further down).</summary>
    private static List<(int Start, int End)> ContactBlocksOf(string text, IEnumerable<string> names)
    {
        var blocks = new List<(int, int)> { (0, Math.Min(text.Length, AddressScope)) };
        foreach (var name in names.Where(n => n.Contains(' ', StringComparison.Ordinal)))
        {
            var count = 0;
            for (var i = text.IndexOf(name, StringComparison.Ordinal); i >= 0 && count++ < ContactBlocks; i = text.IndexOf(name, i + name.Length, StringComparison.Ordinal))
            {
                blocks.Add((i, Math.Min(text.Length, i + name.Length + ContactBlockReach)));
            }
        }
        return blocks;
    }

    /// <summary>
    /// Labelled personal values anywhere in the text ("… Driving license: Yes  Nationality: British", "DOB: 12/09/1985"), the
    /// value by its own shape; the birth dates and origins found, to be hidden wherever else they are written ("Polish
    /// citizen. … Polish (native)").
    /// </summary>
    private static List<(string Value, IdentityKind Kind)> AddInlinePersonalValues(List<IdentitySpan> found, string text, ReadBudget budget)
    {
        var values = new List<(string, IdentityKind)>();
        foreach (var (pattern, kind) in new[] { (BirthDateValue(), IdentityKind.BirthDate), (MaritalStatusValue(), IdentityKind.MaritalStatus), (NationalityValue(), IdentityKind.Origin), (CitizenOf(), IdentityKind.Origin), (BornIn(), IdentityKind.Origin) })
        {
            foreach (Match m in pattern.Matches(text))
            {
                budget.Step();
                var value = m.Groups["value"];
                found.Add(new(value.Index, value.Index + value.Length, kind));
                if (kind is IdentityKind.BirthDate or IdentityKind.Origin && !values.Contains((value.Value, kind))) values.Add((value.Value, kind));
            }
        }
        // A flattened table of personal details writes its values apart from their labels ("Date of Birth  Nationality …
        // Renay Bailey  11 November 1981  Male  Married  South African"): after such a label, a marital status or a
        // nationality standing alone between wide gaps is one.
        var count = 0;
        foreach (Match label in PersonalDetailsLabel().Matches(text))
        {
            if (count++ >= ContactBlocks) break;
            budget.Step();
            var end = Math.Min(text.Length, label.Index + PersonalDetailsReach);
            foreach (Match m in StandalonePersonalValue().Matches(text[label.Index..end]))
            {
                var kind = m.Groups["marital"].Success ? IdentityKind.MaritalStatus : IdentityKind.Origin;
                found.Add(new(label.Index + m.Index, label.Index + m.Index + m.Length, kind));
                if (kind == IdentityKind.Origin && !values.Contains((m.Value, kind))) values.Add((m.Value, kind));
            }
        }
        // A full date of a plausible birth year at the top, not a range or an update ("01/05/1986, driving license",
        // "Marvin Romaguera  ·  June 12, 1982"): the birth date, written without its label.
        foreach (Match m in DateAtTop().Matches(text, 0))
        {
            if (m.Index >= AddressScope) break;
            budget.Step();
            if (!NotABirthDateBefore().IsMatch(text.AsSpan(Math.Max(0, m.Index - 25), Math.Min(m.Index, 25))))
            {
                found.Add(new(m.Index, m.Index + m.Length, IdentityKind.BirthDate));
                if (!values.Contains((m.Value, IdentityKind.BirthDate))) values.Add((m.Value, IdentityKind.BirthDate));
            }
        }
        return values;
    }

    /// <summary>How far after a personal-details label its table's values may stand.</summary>
    private const int PersonalDetailsReach = 600;

    /// <summary>
    /// "Address: 4-Surya Park, 137/2-7 Vidya Vilas Colony,  Off ITI Road, Aundh, Pune- 411007": a labelled address in the
    /// middle of a line (a line that starts with its label is read by <see cref="AddressLabel"/>), up to its postcode, the
    /// next label or the end of the line, at most 100 characters.
    /// </summary>
    private static void AddInlineAddresses(List<IdentitySpan> found, string text, ReadBudget budget)
    {
        var count = 0;
        foreach (Match m in InlineAddress().Matches(text))
        {
            if (count++ >= ContactBlocks) break;
            budget.Step();
            var value = m.Groups["value"];
            AddTrimmed(found, text, value.Index, value.Index + value.Value.TrimEnd(',', ' ', '-').Length, IdentityKind.Address);
        }
    }

    /// <summary>1–15 words, each capitalised (O'Kon, Smith-Jones, an initial, an all-caps word) or a name particle.</summary>
    [GeneratedRegex(@"^(?:[\p{Lu}][\p{Ll}]*['’][\p{Lu}][\p{Ll}]+|[\p{Lu}][\p{Ll}'’-]+|[\p{Lu}]\.|[\p{Lu}]{2,})(?: (?:[\p{Lu}][\p{Ll}]*['’][\p{Lu}][\p{Ll}]+|[\p{Lu}][\p{Ll}'’-]+|[\p{Lu}]\.?|[\p{Lu}]{2,}|van|de|von|da|del|bin|al)){0,14}$", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex TolerantName();

    /// <summary>Words at the top of a resume that are never part of a name (template titles, labels, what the person seeks, employers and subjects).</summary>
    [GeneratedRegex(@"\b(?:technolog(?:y|ies)|technical|tools|engineering|university|college|institute|school|motors|inc|ltd|llc|corp|company|solutions|systems|services|group|bank|department|sciences?|marketing|management|software|business|international|global|limited|pvt|resume|résumé|cv|curriculum|vitae|sample|template|example|student|seeking|objective|summary|profile|skills|applied|phone|number|e-?mail|address|name|contact|details|personal|information|experience|education|career|qualifications?|areas|expertise|page|street|road|avenue|lane|drive|city|internship|position|job|dear|updated|home|mobile|cell|website|portfolio)\b", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex NeverAName();

    /// <summary>", ME", ", OH 43085", ", TX - Email me": a state after a city. ", MS (CS)" is a credential after a name.</summary>
    [GeneratedRegex(@"^,\s{0,3}[A-Z]{2}(?:\s{1,3}\d{5}(?:-\d{4})?)?(?:\s*$|\s{1,3}[-–|•])", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex StateAfterComma();

    /// <summary>"Mr. ", "Dr ", "Mrs.": an honorific before a name.</summary>
    [GeneratedRegex(@"\G(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+(?=[\p{Lu}])", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Honorific();

    /// <summary>Dotted credentials after a name ("Durgan B.E.", "Jane Roe M.Sc."): cut off with what follows them.</summary>
    [GeneratedRegex(@"\s+[A-Z][A-Za-z]?\.(?:[A-Z][a-z]?\.?)+.*$", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Credentials();

    /// <summary>"San Francisco AC": capitalised words and a two-capital code, a place and not a name.</summary>
    [GeneratedRegex(@"^(?:[\p{Lu}][\p{Ll}]+\s){1,3}[A-Z]{2}$", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex CityAndState();

    /// <summary>A document title that names its person: "RESUME OF ", "Curriculum Vitae of ", "CV of ".</summary>
    [GeneratedRegex(@"(?<![\p{L}])(?i:resume|résumé|cv|curriculum\s+vitae|profile)\s+(?i:of)\s+(?=[\p{Lu}])", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex TitleOfName();

    /// <summary>A LinkedIn or Indeed profile whose address spells the person's name (a trailing number or id is not part of it).</summary>
    [GeneratedRegex(@"(?:linkedin\.com/in|indeed\.com/r)/(?<slug>[a-z]{2,20}(?:-[a-z]{1,20}){1,6})(?![a-z])", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex ProfileSlug();

    /// <summary>A street named without a house number at the top of a resume ("W. Clybourn St.", "Reverie Road").</summary>
    [GeneratedRegex(@"\b(?:[NSEW]\.?\s)?(?:[\p{Lu}][\p{L}'-]*\s){1,3}(?:Street|Road|Avenue|Lane|Boulevard|St\.|Ave\.|Rd\.|Blvd\.)(?![\p{L}])", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex UnnumberedStreet();

    // Groups of digits apart by one blank or by a dash or dot with a blank either side at most: two blanks end a number
    // (a flattened line's gap before a postcode or a year). Every quantifier is bounded, so a digit run is tried in a
    // bounded number of ways from each start (RegexAuditTests).
    private const string PhoneShape = @"(?:\+\s?\d{1,3}(?:\s?[-.]\s?|\s)?)?(?:\(\s?\d{1,5}\s?\)\s?[-.]?\s?)?\d{1,15}(?:(?:\s?[-.–]\s?|\s)\d{1,15}){0,5}(?:[-\s]?[X*]{3,12})?";

    [GeneratedRegex(@"(?<![\w+*./-])" + PhoneShape + @"(?![\w*]|[./-]\d)", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex ReadPhone();

    /// <summary>A phone label just before a number: "Mobile : ", "Tel.", "(H): ", "T: " (a capital alone).</summary>
    [GeneratedRegex(@"(?:\b(?i:phone|telephone|tel|mobile|mob|cell|cellphone|contact\s?no|voice|direct|home|work|fax)\b\.?|\([HMCW]\)|(?<![\p{L}])[TMHC])\s{0,3}[:：-]?\s{0,3}$", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex PhoneLabelBefore();

    /// <summary>A date (12/09/1985, 30.08.1990, 1990-03-12) or a year range (2005 - 2008): digits a read must not take for a phone.</summary>
    [GeneratedRegex(@"^(?:\d{1,2}[-./]\d{1,2}[-./](?:19|20)?\d{2}|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}|(?:19|20)\d{2}\s?[-–.]?\s?(?:(?:19|20)\d{2}|\d{2}))$", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex NotAPhone();

    private const string DateValue = @"(?i:\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}(?:st|nd|rd|th)?\s{1,2}[a-z]{3,9}\.?,?\s{1,2}\d{4}|[a-z]{3,9}\.?\s{1,2}\d{1,2}(?:\s?(?:st|nd|rd|th))?,?\s{1,2}\d{4}|[x\d]{2}/[x\d]{2}/[x\d]{4})";

    // One pattern per kind, each opening with its label's words: one pattern with all of them tried every capital letter
    // of the text and cost an anonymised read most of its time. Labels match in any case, a nationality only capitalised
    // (case-insensitive matching would let \p{Lu} take any letter). A birth date or marital status is the first of its
    // shape within 300 characters of its label: a flattened table puts its labels in a row and their values after
    // ("Date of Birth  Nationality … :  :  16-01-1991  Indian"). Every gap is bounded: "\s*[:]?\s*" over a long run of
    // spaces tries every split of it (RegexAuditTests).
    [GeneratedRegex(@"(?<![\p{L}])(?i:birth(?:\s{0,3}date|day)?|d\.?o\.?b\b\.?|born(?:\s{1,3}on)?)(?s:.{0,300}?)(?<value>" + DateValue + @")", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex BirthDateValue();

    [GeneratedRegex(@"(?<![\p{L}])(?i:marital|civil|relationship)\s{1,3}(?i:status)(?s:.{0,300}?)\b(?<value>(?i:single|married|unmarried|divorced|widowed|separated|engaged))\b", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex MaritalStatusValue();

    [GeneratedRegex(@"(?i:nationality|citizenship)\s{0,6}[:：\-–]?\s{0,6}(?!(?i:sex|gender|religion|languages?|fathers?|father's|mothers?|date|marital|civil|passport|name|hobbies)\b)(?<value>[\p{Lu}][\p{Ll}]{2,20}(?: [\p{Lu}][\p{Ll}]{2,20}(?![\p{L}:：]| [:：]))?)(?![\p{L}])", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex NationalityValue();

    /// <summary>"Born in Canada, 20 November 1987": the country (or town) of birth.</summary>
    [GeneratedRegex(@"(?<![\p{L}])(?i:born)\s{1,3}(?i:in)\s{1,3}(?<value>[\p{Lu}][\p{Ll}]{2,20}(?:\s[\p{Lu}][\p{Ll}]{2,20})?)(?![\p{L}])", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex BornIn();

    /// <summary>The label of a personal-details table (or of one of its rows).</summary>
    [GeneratedRegex(@"(?<![\p{L}])(?i:age(?=\s{0,3}[:：])|nationality|marital\s{1,3}status|civil\s{1,3}status|date\s{1,3}of\s{1,3}birth|gender|personal\s{1,3}(?:details|information|dossier|profile))(?![\p{L}])", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex PersonalDetailsLabel();

    /// <summary>A marital status or a nationality alone between wide gaps ("  Married  South African  ").</summary>
    [GeneratedRegex(@"(?<=\s\s|[:：]\s)(?:(?<marital>Single|Married|Unmarried|Divorced|Widowed)|(?:South\s)?African|American|Australian|Bangladeshi|British|Canadian|Chinese|Dutch|Egyptian|Filipino|French|German|Indian|Indonesian|Irish|Italian|Japanese|Kenyan|Korean|Malaysian|Mexican|Nepalese|Nepali|Nigerian|Norwegian|Pakistani|Polish|Portuguese|Russian|Singaporean|Spanish|Sri\sLankan|Swedish|Turkish|Ukrainian|Vietnamese)(?=\s\s|\s*$)", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex StandalonePersonalValue();

    /// <summary>A full date with a year a living applicant may be born in (1940–2005).</summary>
    [GeneratedRegex(@"(?<![\w/.-])(?:\d{1,2}[-./]\d{1,2}[-./](?:19[4-9]\d|200[0-5])|\d{1,2}(?:st|nd|rd|th)?\s{1,2}(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?,?\s{1,2}(?:19[4-9]\d|200[0-5])|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?\s{1,2}\d{1,2}(?:st|nd|rd|th)?,?\s{1,2}(?:19[4-9]\d|200[0-5]))(?![\w/]|\s?[-–]\s?\d)", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex DateAtTop();

    /// <summary>Words before a date that make it another date than a birth date ("Updated: ", "since", "from", "2003 – ").</summary>
    [GeneratedRegex(@"(?i:update[ds]?|updated\s+on|date|since|from|to|until|issued|expires?|[-–])\s{0,3}[:：]?\s{0,3}(?:on\s{1,3})?$", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex NotABirthDateBefore();

    /// <summary>"Home Address: …", "Present Address : …" in the middle of a line: the value up to a postcode, the next label or the line's end.</summary>
    [GeneratedRegex(@"(?<![\p{L}])(?i:(?:home|present|permanent|postal|mailing|current|residential)\s{1,3})?(?i:address)\s{0,3}[:：]\s{0,3}(?!(?i:e-?mail|phone|tel|mobile|cell|city|contact)\b)(?<value>[\p{L}\d][^\n]{0,99}?)(?=\s{2,}(?i:phone|mobile|tel|e-?mail|cell|contact)\b|[\s,-]*\b\d{5,6}\b|\s*\n|\s*$)", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex InlineAddress();

    /// <summary>"Polish citizen".</summary>
    [GeneratedRegex(@"(?<=\b(?<value>[\p{Lu}][\p{Ll}]{2,20})\s)(?i:citizen)\b", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex CitizenOf();
}
