using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using TalentMatch.Core.Documents;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// The versions of one resume that the duplicate benchmark submits beside it: what the same person
/// sends again (sections moved, dates written another way, a typo every 200 characters, a shorter
/// or a longer version). Generated from the public resumes at run time, never stored.
/// </summary>
internal static partial class DuplicateVariants
{
    public static readonly string[] Kinds = ["reordered", "dates", "typos", "trimmed", "extended"];

    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    private static readonly string[] Extra =
    [
        "Volunteer mentor for first-year computer science students at the local university.",
        "Certifications: AWS Certified Solutions Architect Associate; Scrum Master (PSM I).",
        "Interests: long-distance running, chess, photography and open-source contributions.",
        "Publications: two conference papers on applied machine learning and one patent application.",
        "Awards: employee of the quarter twice; hackathon winner with a team of four.",
        "References available on request. Willing to relocate and to travel up to 30 percent.",
        "Languages: English (fluent), Hindi (native), German (basic).",
        "Side projects: a budgeting app with 5,000 users and a browser extension for note taking.",
    ];

    public static string Make(string kind, string text, Random random) => kind switch
    {
        "reordered" => Reordered(text, random),
        "dates" => Dates(text),
        "typos" => Typos(text, random),
        "trimmed" => text[..CutAtLine(text, (int)(text.Length * 0.7))],
        "extended" => text + "\n\nADDITIONAL INFORMATION\n" + string.Join("\n", Extra.OrderBy(_ => random.Next()).Take(4 + (text.Length / 1500))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The recognised sections in another order, the lines above the first heading kept on top; paragraphs shuffled where the parser finds fewer than two sections.</summary>
    private static string Reordered(string text, Random random)
    {
        var parsed = ResumeParser.Parse(text, new DateOnly(2024, 1, 1));
        if (parsed.Sections.Count >= 2)
        {
            var firstHeading = text.IndexOf(parsed.Sections[0].Heading, StringComparison.Ordinal);
            var head = firstHeading > 0 ? text[..firstHeading] : "";
            var sections = parsed.Sections.Select(s => s.Heading + "\n" + s.Text).Reverse().ToList();
            return head + string.Join("\n\n", sections);
        }

        var blocks = text.Split('\n').Chunk(4).Select(c => string.Join('\n', c)).ToList();
        return string.Join("\n", blocks.Take(1).Concat(blocks.Skip(1).OrderBy(_ => random.Next())));
    }

    /// <summary>"Jan 2021" → "01/2021", "03/2019" → "Mar 2019", "2019-05" → "May 2019", in one pass.</summary>
    private static string Dates(string text) => AnyDate().Replace(text, m =>
    {
        if (m.Groups["name"].Success)
        {
            var month = Array.FindIndex(Months, n => m.Groups["name"].Value.StartsWith(n, StringComparison.OrdinalIgnoreCase));
            return month < 0 ? m.Value : string.Create(CultureInfo.InvariantCulture, $"{month + 1:D2}/{m.Groups["y"].Value}");
        }

        var number = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        return number is >= 1 and <= 12 ? $"{Months[number - 1]} {m.Groups["y"].Value}" : m.Value;
    });

    /// <summary>Every 200th character, if a letter, swapped with its neighbour or replaced ("a typo every 200 characters").</summary>
    private static string Typos(string text, Random random)
    {
        var chars = text.ToCharArray();
        for (var i = 199; i < chars.Length - 1; i += 200)
        {
            if (random.Next(2) == 0 && char.IsLetter(chars[i + 1]))
            {
                (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
            }
            else if (char.IsLetter(chars[i]))
            {
                chars[i] = (char)('a' + random.Next(26));
            }
        }

        return new string(chars);
    }

    private static int CutAtLine(string text, int at)
    {
        var newline = text.LastIndexOf('\n', Math.Max(0, at - 1));
        return newline > at / 2 ? newline : at;
    }

    [GeneratedRegex(@"\b(?:(?<name>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)[ ,.']*(?<y>(?:19|20)\d\d)|(?<m>\d{1,2})/(?<y>(?:19|20)\d\d)|(?<y>(?:19|20)\d\d)-(?<m>\d{2}))\b", RegexOptions.IgnoreCase)]
    private static partial Regex AnyDate();
}
