using System.Text.RegularExpressions;

namespace TalentMatch.Core.Documents.Parsing;

/// <summary>Small text helpers shared by the resume and job-description parsers.</summary>
internal static partial class TextLines
{
    public static List<string> Split(string text) =>
        text.ReplaceLineEndings("\n").Split('\n').Select(line => line.Trim()).ToList();

    /// <summary>A line without its list marker: bullets, "1.", "(2)", "一、", "--".</summary>
    public static string StripListMarker(string line) => ListMarker().Replace(line, "").Trim();

    public static bool IsBulleted(string line) => ListMarker().IsMatch(line);

    /// <summary>"zh" when CJK characters make up a tenth of the letters, otherwise "en".</summary>
    public static string Language(string text)
    {
        int letters = 0, cjk = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (IsCjk(c)) cjk++;
        }
        return letters > 0 && cjk * 10 >= letters ? "zh" : "en";
    }

    public static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    public static bool ContainsCjk(string text) => text.Any(IsCjk);

    public static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    public static string RemoveUrls(string text) => Url().Replace(text, " ").Trim();

    [GeneratedRegex(@"^(?:[•\-\*–—·]+|--|\(?\d{1,2}[.)、](?!\d)|[一二三四五六七八九十]+[、.．]|[a-z][.)](?=\s))\s*", RegexOptions.None, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"(?:https?://|www\.)\S+", RegexOptions.IgnoreCase, DocumentLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Url();
}
