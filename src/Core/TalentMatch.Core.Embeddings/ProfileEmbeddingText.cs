using System.Text;
using TalentMatch.Core.Documents;

namespace TalentMatch.Core.Embeddings;

/// <summary>
/// The text embedded for a profile (resume or job ad), built so that documents in any language land
/// in the English model's space: the normalised title and the canonical English skill names come
/// first, then at most <see cref="MaxProseCharacters"/> of the document's English prose. Sentences
/// that are mostly Chinese, Japanese or Korean are left out except for the Latin-script terms in
/// them (tool names such as "PyTorch"), because the model has no vocabulary for them: they would
/// become runs of [UNK] that pull every Chinese document towards every other.
/// See docs/adr/0002-what-a-profile-vector-is-made-of.md.
/// </summary>
public static class ProfileEmbeddingText
{
    /// <summary>
    /// Most characters of prose kept: with the title and skills this stays within about one model
    /// window (256 word pieces), so that the skills are not averaged away by a long document.
    /// </summary>
    public const int MaxProseCharacters = 1000;

    /// <summary>
    /// A sentence is not English when CJK characters make up at least this share of its words, counting
    /// each CJK character as a word (a Chinese word is one or two characters; an English one is a run of letters).
    /// </summary>
    private const double CjkShareLimit = 0.3;

    /// <summary>
    /// The text to embed for a resume: <see cref="Build"/> over the text without the person's identity (name, contact
    /// details, birth date and age, gender words, marital status, photo; <see cref="ResumeParser.WithoutIdentity"/>),
    /// so that none of it reaches the semantic component of a match score (docs/responsible-matching.md).
    /// </summary>
    public static string BuildForResume(string? title, IEnumerable<string> canonicalSkillNames, string text, CancellationToken cancellationToken = default) =>
        Build(title, canonicalSkillNames, ResumeParser.WithoutIdentity(text, cancellationToken));

    /// <summary>Builds the text to embed for one profile (a job's as it is; a resume's through <see cref="BuildForResume"/>). Pure: same input, same output.</summary>
    /// <param name="title">The job title, ideally already normalised (e.g. from the taxonomy); CJK titles keep only their Latin-script terms.</param>
    /// <param name="canonicalSkillNames">Canonical English skill names from the taxonomy, most important first.</param>
    /// <param name="text">The document's plain text, in any language.</param>
    public static string Build(string? title, IEnumerable<string> canonicalSkillNames, string text)
    {
        ArgumentNullException.ThrowIfNull(canonicalSkillNames);
        ArgumentNullException.ThrowIfNull(text);

        var parts = new List<string>(3);

        var englishTitle = EnglishPart(title ?? string.Empty);
        if (englishTitle.Length > 0)
        {
            parts.Add(EndSentence(englishTitle));
        }

        var skills = canonicalSkillNames
            .Select(CollapseWhitespace)
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (skills.Count > 0)
        {
            // No "Skills:" label: a word every profile shares only pulls unrelated profiles together.
            parts.Add(string.Join(", ", skills) + ".");
        }

        var prose = new StringBuilder();
        foreach (var sentence in Sentences(text.Normalize(NormalizationForm.FormKC)))
        {
            var english = EnglishPart(sentence);
            if (english.Length == 0)
            {
                continue;
            }

            if (prose.Length + english.Length + 1 > MaxProseCharacters)
            {
                AppendWithinBudget(prose, english);
                break;
            }

            if (prose.Length > 0)
            {
                prose.Append(' ');
            }

            prose.Append(EndSentence(english));
        }

        if (prose.Length > 0)
        {
            parts.Add(prose.ToString());
        }

        return string.Join(' ', parts);
    }

    /// <summary>True when CJK characters make up a large share of the words in <paramref name="text"/>.</summary>
    public static bool IsMostlyCjk(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int cjk = 0, latinWords = 0;
        var inWord = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsCjkLetter(rune))
            {
                cjk++;
                inWord = false;
            }
            else if (Rune.IsLetterOrDigit(rune))
            {
                latinWords += inWord ? 0 : 1;
                inWord = true;
            }
            else
            {
                inWord = false;
            }
        }

        return cjk > 0 && cjk >= CjkShareLimit * (cjk + latinWords);
    }

    /// <summary>The sentence itself when it is English enough; else its Latin-script terms, comma-separated.</summary>
    private static string EnglishPart(string sentence)
    {
        var collapsed = CollapseWhitespace(sentence);
        if (!IsMostlyCjk(collapsed))
        {
            return collapsed;
        }

        var terms = new List<string>();
        var term = new StringBuilder();
        foreach (var rune in collapsed.EnumerateRunes())
        {
            // Keep tool names whole: "C++", "Node.js", "CUDA 12", "scikit-learn".
            if (!IsCjk(rune) && (Rune.IsLetterOrDigit(rune) || rune.Value is '+' or '#' or '.' or '-' or '_' or '/' or ' '))
            {
                term.Append(rune.ToString());
            }
            else
            {
                AddTerm(terms, term);
            }
        }

        AddTerm(terms, term);
        return string.Join(", ", terms);
    }

    private static void AddTerm(List<string> terms, StringBuilder term)
    {
        var value = term.ToString().Trim(' ', '.', '-', '/');
        if (value.Any(char.IsLetter))
        {
            terms.Add(value);
        }

        term.Clear();
    }

    private static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ends = c is '\n' or '\r' or '。' or '！' or '？' or '；' or '!' or '?' or ';'
                || (c == '.' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])));
            if (ends)
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    private static void AppendWithinBudget(StringBuilder prose, string sentence)
    {
        var room = MaxProseCharacters - prose.Length - 1;
        if (room <= 0)
        {
            return;
        }

        // Cut at a word boundary rather than mid-word.
        var cut = sentence.LastIndexOf(' ', Math.Min(room, sentence.Length - 1));
        if (cut > 0)
        {
            if (prose.Length > 0)
            {
                prose.Append(' ');
            }

            prose.Append(sentence.AsSpan(0, cut));
        }
    }

    private static string EndSentence(string sentence) =>
        sentence.Length > 0 && char.IsPunctuation(sentence[^1]) ? sentence : sentence + ".";

    // NFKC turns full-width Latin typed with a CJK input method (ＰｙＴｏｒｃｈ，) into plain ASCII,
    // which the English vocabulary knows; the model's tokenizer does not do this itself.
    private static string CollapseWhitespace(string value) =>
        string.Join(' ', value.Normalize(NormalizationForm.FormKC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Han ideographs, kana, Hangul and CJK punctuation (full-width forms are gone after NFKC).</summary>
    private static bool IsCjk(Rune rune) => IsCjkLetter(rune) || (rune.Value >= 0x3000 && rune.Value <= 0x303F);

    private static bool IsCjkLetter(Rune rune)
    {
        var v = rune.Value;
        return (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x20000 && v <= 0x2FA1F)
            || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0x3040 && v <= 0x30FF) || (v >= 0xAC00 && v <= 0xD7AF)
            || (v >= 0x1100 && v <= 0x11FF) || (v >= 0x3130 && v <= 0x318F);
    }
}
