using System.Text.RegularExpressions;

namespace TalentMatch.Core.Documents.Extraction;

/// <summary>
/// Plain text of Markdown: heading marks, emphasis and link syntax removed, link targets kept in
/// parentheses (profile URLs matter in resumes). Lists become bullets in the normaliser.
/// </summary>
internal static partial class MarkdownTextExtractor
{
    public static string Extract(string markdown)
    {
        var text = Heading().Replace(markdown, "");
        text = Image().Replace(text, "$1");
        text = Link().Replace(text, m => m.Groups[1].Value == m.Groups[2].Value ? m.Groups[1].Value : $"{m.Groups[1].Value} ({m.Groups[2].Value})");
        text = Emphasis().Replace(text, "$2");
        text = Code().Replace(text, "$1");
        text = HorizontalRule().Replace(text, "");
        return text;
    }

    [GeneratedRegex(@"^ {0,3}#{1,6}[ \t]+", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"!\[([^\]\n]*)\]\([^)\n]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]\n]+)\]\(([^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    // Underscores only count at word edges, so identifiers such as torch_geometric keep theirs.
    [GeneratedRegex(@"(\*\*|\*|(?<!\w)__|(?<!\w)_)(\S(?:[^\n]*?\S)?)\1(?!\w)")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"`([^`\n]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"^ {0,3}([-*_])( *\1){2,} *$", RegexOptions.Multiline)]
    private static partial Regex HorizontalRule();
}
