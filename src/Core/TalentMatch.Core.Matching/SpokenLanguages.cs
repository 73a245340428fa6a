using System.Text.RegularExpressions;

namespace TalentMatch.Core.Matching;

/// <summary>
/// Human languages a resume or a job ad mentions as spoken or asked for, in English and Chinese:
/// "fluent English", "English proficiency", "Mandarin", "英语六级", "CET-6", "日语", "JLPT N2".
/// Names come out canonical and in English ("Chinese" for Mandarin/普通话/中文), each once, in order of appearance.
/// English language names need a cue ("fluent", "native", "proficiency", …): "English documentation" is not a
/// language requirement. Chinese names (英语, 日语, …), Mandarin/Cantonese and the exams (CET, TOEFL, IELTS, JLPT) need none.
/// </summary>
public static partial class SpokenLanguages
{
    /// <summary>The languages mentioned in <paramref name="text"/>, canonical English names.</summary>
    public static IReadOnlyList<string> In(string text)
    {
        var found = new List<(int At, string Name)>();
        foreach (Match m in EnglishCue().Matches(text))
        {
            found.Add((m.Index, m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Value));
        }

        foreach (Match m in StandaloneName().Matches(text))
        {
            found.Add((m.Index, m.Value));
        }

        foreach (Match m in Exam().Matches(text))
        {
            found.Add((m.Index, m.Groups["jlpt"].Success ? "Japanese" : "English"));
        }

        var result = new List<string>();
        foreach (var (_, name) in found.OrderBy(f => f.At))
        {
            Add(result, name);
        }

        return result;
    }

    /// <summary>Adds the canonical name of <paramref name="name"/> unless it is already there (or empty).</summary>
    public static void Add(List<string> languages, string name)
    {
        if (Canonical(name) is { } canonical && !languages.Contains(canonical, StringComparer.OrdinalIgnoreCase))
        {
            languages.Add(canonical);
        }
    }

    /// <summary>"Mandarin" / "普通话" / "中文" → "Chinese", "英语" → "English", "french" → "French"; null for empty.</summary>
    public static string? Canonical(string name) => name.Trim().ToUpperInvariant() switch
    {
        "" => null,
        "MANDARIN" or "CHINESE" or "普通话" or "中文" or "汉语" or "PUTONGHUA" or "国语" => "Chinese",
        "CANTONESE" or "粤语" => "Cantonese",
        "英语" or "英文" => "English",
        "日语" or "日文" => "Japanese",
        "德语" or "德文" => "German",
        "法语" or "法文" => "French",
        "韩语" or "韩文" => "Korean",
        "俄语" => "Russian",
        "西班牙语" => "Spanish",
        var other => char.ToUpperInvariant(other[0]) + other[1..].ToLowerInvariant(),
    };

    /// <summary>The language a document is written in (<c>en</c>, <c>zh</c>) as a spoken language; null for others.</summary>
    public static string? OfDocumentLanguage(string? code) => code switch
    {
        "en" => "English",
        "zh" => "Chinese",
        _ => null,
    };

    private const string EnglishNames = "English|Mandarin|Chinese|Cantonese|German|French|Spanish|Japanese|Korean|Hebrew|Russian|Arabic|Italian|Portuguese|Dutch";

    // "fluent English", "excellent written and spoken English" | "English proficiency", "English is required" |
    // "English (fluent)", "English: native", "German – C1".
    [GeneratedRegex(@"\b(?:fluent|fluency in|proficient in|proficiency in|excellent|good|strong|native|business|conversational|written and spoken|spoken and written|verbal and written)\s+(?:\w+\s+){0,2}?(?<a>" + EnglishNames + @")\b"
        + @"|\b(?<b>" + EnglishNames + @")(?:\s+(?:fluency|proficiency|is required|required|speaker|language skills)\b|\s*[(:：\-–—]\s*(?:native|fluent|professional|business|conversational|C1|C2|B2)\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EnglishCue();

    // Chinese names need no cue: in Chinese text "日语" is the language. Mandarin and Cantonese are only ever languages.
    [GeneratedRegex(@"英语|英文|日语|日文|德语|法语|韩语|俄语|西班牙语|普通话|粤语|(?<![A-Za-z])(?:Mandarin|Cantonese)(?![A-Za-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex StandaloneName();

    // Latin-letter boundaries rather than \b: "通过CET6" has no word boundary before CET.
    [GeneratedRegex(@"(?<![A-Za-z])(?:CET-?[46]|TOEFL|IELTS|(?<jlpt>JLPT))(?![A-Za-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Exam();
}
