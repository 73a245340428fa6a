using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TalentMatch.Core.Documents.Extraction;

/// <summary>
/// Plain text of Markdown: heading marks, emphasis and link syntax removed, link targets kept in
/// parentheses (profile URLs matter in resumes). Lists become bullets in the normaliser. Every step is
/// linear in the text: the patterns that could scan a line once per opening bracket run on the
/// non-backtracking engine, and emphasis is a hand-written scanner (<see cref="RemoveEmphasis"/>).
/// </summary>
internal static partial class MarkdownTextExtractor
{
    private const int MatchTimeout = DocumentLimits.RegexTimeoutMilliseconds;

    public static string Extract(string markdown, ReadBudget budget)
    {
        var depth = MaxContainerDepth(markdown, budget);
        if (depth > budget.Limits.MaxNestingDepth)
        {
            throw new DocumentLimitExceededException(RejectionReason.TooDeeplyNested,
                $"nests lists or quotes {depth:N0} levels deep on one line; the limit is {budget.Limits.MaxNestingDepth}");
        }
        var text = Heading().Replace(markdown, "");
        budget.Step();
        text = Image().Replace(text, "$1");
        budget.Step();
        text = Link().Replace(text, m => m.Groups[1].Value == m.Groups[2].Value ? m.Groups[1].Value : $"{m.Groups[1].Value} ({m.Groups[2].Value})");
        budget.Step();
        text = RemoveEmphasis(text, budget);
        text = Code().Replace(text, "$1");
        budget.Step();
        text = HorizontalRule().Replace(text, "");
        return text;
    }

    /// <summary>
    /// The most list markers and quote marks that open one line (<c>- - 1. &gt; &gt; x</c>): each opens a container
    /// inside the previous one. Lists nested by indentation need a line per level and an ever longer indent, so
    /// the text cap bounds them; markers on one line are the cheap way to nest ten thousand deep.
    /// </summary>
    internal static int MaxContainerDepth(string text, ReadBudget budget)
    {
        var max = 0;
        var depth = 0;
        var atLineStart = true;
        var sinceCheck = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (++sinceCheck == 65_536)
            {
                sinceCheck = 0;
                budget.Step();
            }
            var c = text[i];
            if (c == '\n')
            {
                depth = 0;
                atLineStart = true;
                continue;
            }
            if (!atLineStart || c is ' ' or '\t')
            {
                continue;
            }
            var marker = ContainerMarkerLength(text, i);
            if (marker == 0)
            {
                atLineStart = false;
                continue;
            }
            max = Math.Max(max, ++depth);
            i += marker - 1;
        }
        return max;
    }

    /// <summary>Length of a quote mark (<c>&gt;</c>) or a list marker followed by a space (<c>-</c>, <c>*</c>, <c>+</c>, <c>12.</c>, <c>3)</c>) at <paramref name="at"/>; 0 if none.</summary>
    private static int ContainerMarkerLength(string text, int at)
    {
        var c = text[at];
        if (c == '>')
        {
            return 1;
        }
        var end = at;
        if (c is '-' or '*' or '+')
        {
            end++;
        }
        else
        {
            while (end < text.Length && end - at < 9 && char.IsAsciiDigit(text[end])) end++;
            if (end == at || end >= text.Length || text[end] is not ('.' or ')')) return 0;
            end++;
        }
        return end < text.Length && text[end] is ' ' or '\t' ? end - at : 0;
    }

    /// <summary>
    /// Replaces <c>**x**</c>, <c>*x*</c>, <c>__x__</c> and <c>_x_</c> by <c>x</c>, exactly as the pattern
    /// <c>(\*\*|\*|(?&lt;!\w)__|(?&lt;!\w)_)(\S(?:[^\n]*?\S)?)\1(?!\w)</c> replaced by <c>$2</c> did, in one pass.
    /// That pattern tried every opener against the rest of its line, so a line of unclosed openers
    /// (<c>*a*a*a…</c>) cost the square of its length. Here each delimiter kind keeps a cursor on its next
    /// possible closer, and cursors only move forward: an emphasis never crosses a line, and the openers
    /// of a line are met left to right, so every character is looked at a bounded number of times.
    /// </summary>
    /// <remarks>
    /// A closer of delimiter <c>d</c> at <c>j</c>: the line continues with <c>d</c> at <c>j</c>, the character
    /// before <c>j</c> is not white space, and the one after <c>d</c> is not a word character. An opener at
    /// <c>i</c> (for underscores, not after a word character) matches when the character after it is not
    /// white space and the line has a closer of the same kind further on: the first closer two or more
    /// characters on ends it (the lazy <c>*?</c> inside a greedy optional group), else one directly after a
    /// one-character content. Openers are tried in the pattern's order: ** * __ _.
    /// </remarks>
    internal static string RemoveEmphasis(string text, ReadBudget budget)
    {
        if (text.AsSpan().IndexOfAny('*', '_') < 0)
        {
            return text;
        }
        var output = new StringBuilder(text.Length);
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            budget.Step();
            var newline = text.IndexOf('\n', lineStart);
            var lineEnd = newline < 0 ? text.Length : newline;
            RemoveEmphasisInLine(text, lineStart, lineEnd, output, budget);
            if (newline < 0)
            {
                break;
            }
            output.Append('\n');
            lineStart = newline + 1;
        }
        return output.ToString();
    }

    private static readonly string[] Delimiters = ["**", "*", "__", "_"];

    private static void RemoveEmphasisInLine(string text, int start, int end, StringBuilder output, ReadBudget budget)
    {
        Span<int> closers = [start, start, start, start]; // per delimiter kind: no closer lies before this position
        var i = start;
        var sinceCheck = 0;
        while (i < end)
        {
            if (++sinceCheck == 65_536)
            {
                sinceCheck = 0;
                budget.Step(); // a single line can be the whole document
            }
            var c = text[i];
            if (c is not ('*' or '_'))
            {
                output.Append(c);
                i++;
                continue;
            }
            var matched = false;
            for (var kind = 0; kind < Delimiters.Length && !matched; kind++)
            {
                var delimiter = Delimiters[kind];
                if (!text.AsSpan(i, end - i).StartsWith(delimiter, StringComparison.Ordinal))
                {
                    continue;
                }
                if (delimiter[0] == '_' && i > 0 && IsWordChar(text[i - 1]))
                {
                    continue;
                }
                var contentStart = i + delimiter.Length;
                if (contentStart >= end || char.IsWhiteSpace(text[contentStart]))
                {
                    continue;
                }
                // The pattern's optional group is greedy: contents of two or more characters are tried first
                // (shortest first), a one-character content only when no longer one closes.
                var closer = NextCloser(text, delimiter, contentStart + 2, end, ref closers[kind]);
                if (closer < 0)
                {
                    if (!IsCloser(text, delimiter, contentStart + 1, end))
                    {
                        continue;
                    }
                    closer = contentStart + 1;
                }
                output.Append(text, contentStart, closer - contentStart);
                i = closer + delimiter.Length;
                matched = true;
            }
            if (!matched)
            {
                output.Append(c);
                i++;
            }
        }
    }

    /// <summary>
    /// The first closer of <paramref name="delimiter"/> at or after <paramref name="from"/> on the line, or -1.
    /// <paramref name="cursor"/> remembers how far this line has been searched for this delimiter: no closer
    /// lies between the last query's start and the cursor, and queries only move forward.
    /// </summary>
    private static int NextCloser(string text, string delimiter, int from, int end, ref int cursor)
    {
        if (cursor < from)
        {
            cursor = from;
        }
        for (; cursor + delimiter.Length <= end; cursor++)
        {
            if (IsCloser(text, delimiter, cursor, end))
            {
                return cursor;
            }
        }
        return -1;
    }

    private static bool IsCloser(string text, string delimiter, int at, int end) =>
        at + delimiter.Length <= end
        && text[at] == delimiter[0]
        && (delimiter.Length == 1 || text[at + 1] == delimiter[1])
        && !char.IsWhiteSpace(text[at - 1])
        && (at + delimiter.Length >= text.Length || !IsWordChar(text[at + delimiter.Length]));

    /// <summary>The regular-expression class \w: letters, non-spacing marks, decimal digits and connector punctuation.</summary>
    internal static bool IsWordChar(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation => true,
        _ => false,
    };

    [GeneratedRegex(@"^ {0,3}#{1,6}[ \t]+", RegexOptions.Multiline, MatchTimeout)]
    private static partial Regex Heading();

    [GeneratedRegex(@"!\[([^\]\n]*)\]\([^)\n]*\)", RegexOptions.NonBacktracking, MatchTimeout)]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]\n]+)\]\(([^)\s]+)(?:\s+""[^""]*"")?\)", RegexOptions.NonBacktracking, MatchTimeout)]
    private static partial Regex Link();

    [GeneratedRegex(@"`([^`\n]+)`", RegexOptions.NonBacktracking, MatchTimeout)]
    private static partial Regex Code();

    [GeneratedRegex(@"^ {0,3}([-*_])( *\1){2,} *$", RegexOptions.Multiline, MatchTimeout)]
    private static partial Regex HorizontalRule();
}
