using System.Text;
using System.Text.RegularExpressions;

namespace TalentMatch.Documents;

/// <summary>
/// Makes extracted text uniform for the parsers: LF line ends, one bullet glyph ("• "), no control or
/// private-use characters, no runs of blank lines, no trailing spaces.
/// </summary>
internal static partial class TextNormalizer
{
    /// <summary>The one bullet every list item starts with after normalisation.</summary>
    public const string Bullet = "• ";

    // Glyphs word processors and PDF fonts use for list bullets. U+F0B7, U+F0A7 and U+F076 are the Symbol
    // and Wingdings bullets Word emits as private-use characters; "·" only counts at the start of a line,
    // because Chinese salaries write "30-60K·15薪".
    private const string BulletGlyphs = "•●▪■◦○►▶➢➤✓✔✗❖◆◇□▫‣⁃∙\uF0B7\uF0A7\uF076\uF0D8\uF0FC\uF0A8";

    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rawLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = CleanCharacters(rawLine);
            line = NormalizeBullet(line);
            builder.Append(line.TrimEnd()).Append('\n');
        }
        var collapsed = BlankLineRuns().Replace(builder.ToString(), "\n\n");
        return collapsed.Trim('\n', ' ');
    }

    private static string CleanCharacters(string line)
    {
        var builder = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            if (BulletGlyphs.Contains(c, StringComparison.Ordinal))
            {
                builder.Append(c); // kept for NormalizeBullet, even the private-use ones
            }
            else if (c is '\t' or '\u00A0' or '\u3000' or '\u2002' or '\u2003' or '\u2009')
            {
                builder.Append(c == '\u3000' ? '\u3000' : ' '); // the ideographic space is a real CJK layout character
            }
            else if (char.IsControl(c) || c is '\uFEFF' or '\u200B' or '\uFFFD' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.PrivateUse)
            {
                // dropped: BOMs, zero-width spaces, replacement characters and private-use glyphs carry no text
            }
            else
            {
                builder.Append(c);
            }
        }
        return MultipleSpaces().Replace(builder.ToString(), " ");
    }

    private static string NormalizeBullet(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.Length == 0)
        {
            return "";
        }
        var first = trimmed[0];
        var isBullet = BulletGlyphs.Contains(first, StringComparison.Ordinal)
            || (first is '·' or '*' or '-' or '–' && trimmed.Length > 1 && trimmed[1] == ' ');
        if (!isBullet)
        {
            // Bullets inside a line (PDF and HTML often lose the line break before them) start a new line.
            return InlineBullet().Replace(line, "\n" + Bullet);
        }
        var rest = trimmed[1..].TrimStart();
        return Bullet + InlineBullet().Replace(rest, "\n" + Bullet);
    }

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLineRuns();

    [GeneratedRegex(@" {2,}")]
    private static partial Regex MultipleSpaces();

    [GeneratedRegex(@"\s*[•●▪■►▶➢➤❖\uF0B7\uF0A7]\s*")]
    private static partial Regex InlineBullet();
}
