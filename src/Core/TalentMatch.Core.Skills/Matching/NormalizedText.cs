namespace TalentMatch.Core.Skills.Matching;

/// <summary>
/// Text folded for matching, with a map from every folded character back to the original string so that
/// evidence offsets always point into the caller's input.
/// Folding: full-width ASCII → ASCII, lower case, Latin-1 accents dropped (also when the letter arrives as UTF-8
/// mojibake, "Ã¯" for "ï"), every dash/underscore/whitespace run → one space
/// (a newline when the run contained one, because newlines end sentences), control characters and U+FFFD → space,
/// and spaces next to Chinese characters dropped.
/// Folding dashes into spaces lets "Megatron-DeepSpeed" match "Megatron" and "DeepSpeed", and "ZeRO-3" match "zero 3".
/// </summary>
internal sealed class NormalizedText
{
    private NormalizedText(string text, int[] map, int originalLength)
    {
        Text = text;
        Map = map;
        OriginalLength = originalLength;
    }

    /// <summary>The folded text.</summary>
    public string Text { get; }

    /// <summary><c>Map[i]</c> is the index in the original string of folded character <c>i</c>.</summary>
    public int[] Map { get; }

    public int OriginalLength { get; }

    /// <summary>Original <c>[start, end)</c> for folded <c>[start, end)</c>.</summary>
    public (int Start, int End) ToOriginal(int start, int end) => (Map[start], Map[end - 1] + 1);

    public static NormalizedText Create(string text)
    {
        var buffer = new char[text.Length];
        var map = new int[text.Length];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var at = i;
            var c = Fold(text[i]);
            if (text[i] == '\u00C3' && i + 1 < text.Length && text[i + 1] is >= '\u00A0' and <= '\u00BF')
            {
                // UTF-8 read as Latin-1/cp1252 ("NaÃ¯ve Bayes", common in scraped resumes): the two characters are one
                // accented letter (U+00E0–U+00FF), folded like any other.
                c = Fold((char)(text[i + 1] + 0x40));
                i++;
            }

            if (c is ' ' or '\n')
            {
                if (n == 0)
                {
                    continue; // leading separators carry no information
                }

                if (buffer[n - 1] is ' ' or '\n')
                {
                    if (c == '\n')
                    {
                        buffer[n - 1] = '\n';
                    }

                    continue;
                }
            }

            // Spaces next to Chinese carry no meaning ("AI 代理", "Go 语言", "熟悉 PyTorch"): drop them so that
            // aliases written without them match.
            if (c == ' ' && IsCjk(buffer[n - 1]))
            {
                continue;
            }

            if (n > 0 && buffer[n - 1] == ' ' && IsCjk(c))
            {
                n--;
            }

            buffer[n] = c;
            map[n] = at;
            n++;
        }

        return new NormalizedText(new string(buffer, 0, n), map[..n], text.Length);
    }

    /// <summary>Folds one alias or cue the same way as the text (and trims it).</summary>
    public static string FoldPattern(string pattern) => Create(pattern).Text.Trim();

    /// <summary>Full-width to ASCII only (case kept), for exact-case checks of ambiguous aliases.</summary>
    public static string FoldWidth(ReadOnlySpan<char> s)
    {
        Span<char> buffer = s.Length <= 64 ? stackalloc char[s.Length] : new char[s.Length];
        for (var i = 0; i < s.Length; i++)
        {
            buffer[i] = s[i] is >= '\uFF01' and <= '\uFF5E' ? (char)(s[i] - 0xFEE0) : s[i];
        }

        return new string(buffer);
    }

    public static string FoldWidth(string s) => FoldWidth(s.AsSpan());

    /// <summary>Folds one character; separators become ' ' or '\n'.</summary>
    public static char Fold(char c)
    {
        switch (c)
        {
            case '\n' or '\r' or '\u2028' or '\u2029':
                return '\n';
            case >= '\uFF01' and <= '\uFF5E':
                // Full-width ASCII (ＰｙＴｏｒｃｈ, ＋, ＃) → ASCII. Chinese punctuation outside this block (，、。) is kept.
                c = (char)(c - 0xFEE0);
                break;
            case '\u3000' or '\u00A0' or '\t' or '\uFFFD':
                return ' ';
            case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212':
                return ' ';
            case >= '\u2E80' and <= '\u2FDF':
                // Kangxi and CJK radicals that some sites emit for ordinary ideographs ("⼤数据", "⼈⼯智能") → the ideograph.
                return RadicalFold[c - '\u2E80'];
            case >= '\uF900' and <= '\uFAFF':
                return CompatibilityFold[c - '\uF900']; // CJK compatibility ideographs → unified ideographs
        }

        if (c is '-' or '_' || char.IsWhiteSpace(c) || char.IsControl(c))
        {
            return ' ';
        }

        if (c is >= '\u00C0' and <= '\u00FF')
        {
            return LatinAccentFold[c - '\u00C0']; // "naïve" and "Pokémon" match the aliases "naive", "pokemon"
        }

        return char.ToLowerInvariant(c);
    }

    private static readonly char[] RadicalFold = BuildNfkcTable('\u2E80', '\u2FDF');
    private static readonly char[] LatinAccentFold = BuildAccentTable();

    /// <summary>Latin-1 letters with a diacritic → the lower-case ASCII letter; others (ß, æ, ×, ÷) only lower-cased.</summary>
    private static char[] BuildAccentTable()
    {
        var table = new char[0x40];
        for (var c = '\u00C0'; c <= '\u00FF'; c++)
        {
            var first = c.ToString().Normalize(System.Text.NormalizationForm.FormD)[0];
            table[c - '\u00C0'] = char.IsAsciiLetter(first) ? char.ToLowerInvariant(first) : char.ToLowerInvariant(c);
        }

        return table;
    }
    private static readonly char[] CompatibilityFold = BuildNfkcTable('\uF900', '\uFAFF');

    /// <summary>Per character of the range: its NFKC form when that is one character, else the character itself.</summary>
    private static char[] BuildNfkcTable(char first, char last)
    {
        var table = new char[last - first + 1];
        for (var c = first; c <= last; c++)
        {
            var s = c.ToString();
            var normalized = s.IsNormalized(System.Text.NormalizationForm.FormKC) ? s : s.Normalize(System.Text.NormalizationForm.FormKC);
            table[c - first] = normalized.Length == 1 ? normalized[0] : c;
        }

        return table;
    }

    /// <summary>
    /// Latin letters and digits form words; CJK ideographs and kana do not, because Chinese has no spaces
    /// ("熟悉pytorch框架" must match "pytorch").
    /// </summary>
    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) && !IsCjk(c);

    public static bool IsCjk(char c) =>
        c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u3040' and <= '\u30FF')
            or (>= '\uF900' and <= '\uFAFF');
}
