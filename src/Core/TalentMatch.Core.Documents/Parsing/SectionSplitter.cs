namespace TalentMatch.Core.Documents.Parsing;

/// <summary>A run of lines under one heading; <see cref="Kind"/> is null for text before the first known heading.</summary>
internal sealed record TextSection<TKind>(TKind? Kind, string Heading, List<string> Lines) where TKind : struct, Enum;

/// <summary>
/// Splits text at heading lines. A heading is a short line whose words (case, colon, numbering and
/// bullets ignored) are a known heading phrase, or start with one ("Skills & Tools"). "Heading: content"
/// on one line opens the section with that content as its first line.
/// </summary>
internal static class SectionSplitter
{
    private static readonly HashSet<string> SentenceWords = new(StringComparer.Ordinal)
    {
        "with", "in", "of", "at", "for", "to", "on", "using", "from", "as", "is", "are", "was", "and", "or", "the", "a", "an", "that", "building", "working",
    };

    public static List<TextSection<TKind>> Split<TKind>(IReadOnlyList<string> lines, IReadOnlyDictionary<string, TKind> headings, ReadBudget budget)
        where TKind : struct, Enum
    {
        var sections = new List<TextSection<TKind>> { new(null, "", []) };
        foreach (var line in lines)
        {
            budget.Step();
            if (TryHeading(line, headings, out var kind, out var rest))
            {
                sections.Add(new TextSection<TKind>(kind, line, rest.Length > 0 ? [rest] : []));
            }
            else
            {
                sections[^1].Lines.Add(line);
            }
        }
        return sections;
    }

    public static bool TryHeading<TKind>(string line, IReadOnlyDictionary<string, TKind> headings, out TKind kind, out string rest)
        where TKind : struct, Enum
    {
        kind = default;
        rest = "";
        if (line.Length == 0 || line.Length > 80)
        {
            return false;
        }
        var cleaned = TextLines.StripListMarker(line.Trim('#', ' ', '*', '=', '_', '【', '】', '[', ']')).Trim();
        var colon = cleaned.IndexOfAny([':', '：']);
        var head = colon >= 0 ? cleaned[..colon] : cleaned;
        var after = colon >= 0 ? cleaned[(colon + 1)..].Trim() : "";
        var key = Normalize(head);
        if (key.Length == 0 || key.Length > 40)
        {
            return false;
        }
        if (headings.TryGetValue(key, out kind))
        {
            rest = after;
            return true;
        }
        // "Technical Skills & Tools", "Education and Certifications": a known phrase then at most two more words.
        // Bulleted lines and phrases that go on as a sentence ("Experience with Kubernetes") are content, not headings.
        if (colon < 0 && TextLines.WordCount(key) <= 5 && !TextLines.IsBulleted(line.TrimStart()))
        {
            foreach (var (phrase, value) in headings)
            {
                if (key.StartsWith(phrase + " ", StringComparison.Ordinal) && TextLines.WordCount(key) - TextLines.WordCount(phrase) <= 2
                    && !key.Any(char.IsDigit) && !SentenceWords.Contains(key[(phrase.Length + 1)..].Split(' ')[0]))
                {
                    kind = value;
                    return true;
                }
            }
        }
        return false;
    }

    private static string Normalize(string heading)
    {
        var chars = heading.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '&' or '\'' or '’' or '/').ToArray();
        return string.Join(' ', new string(chars).Replace('’', '\'').Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
