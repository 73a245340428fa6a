using System.Globalization;
using TalentMatch.Core.Skills;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// Why a gold label was missed, told apart without reading the document (<c>extract --errors</c>): a label with no node
/// (coverage); a node one of whose forms (name, Chinese name, alias, context-dependent form) is written in the document,
/// so that a reading rule turned it down (a missing cue, a company section, a blocked phrase: precision rules); or a node
/// none of whose forms is written (the annotator read a paraphrase, a spelling or a word order no form has: recall needs
/// new forms or a model that reads meaning). The lookup folds text and forms loosely (case, dashes, spaces), so
/// "written" is an upper bound: a folded form may sit inside a longer word or phrase the extractor rightly left alone.
/// </summary>
internal static class MissKinds
{
    public const string NoNode = "no node";
    public const string FormWritten = "a form is written";
    public const string NoFormWritten = "no form is written";

    /// <summary>The kind of one false negative: <paramref name="label"/> is a taxonomy id, or a missing name (no node).</summary>
    public static string Classify(SkillTaxonomy taxonomy, string foldedText, string label)
    {
        if (!taxonomy.TryGet(label, out var skill))
        {
            return NoNode;
        }

        var forms = skill.Aliases.Concat(skill.Ambiguity?.Aliases ?? []).Append(skill.Name).Append(skill.ChineseName);
        return forms.Select(SkillBenchmark.Fold).Where(f => f.Length > 0).Any(f => Written(foldedText, f)) ? FormWritten : NoFormWritten;
    }

    /// <summary>A Latin form must stand at word boundaries ("scala" is not in "scalable"); a Chinese one anywhere.</summary>
    private static bool Written(string text, string form)
    {
        var latin = form.Any(char.IsAsciiLetterOrDigit) && !form.Any(c => c >= '\u3400');
        for (var at = text.IndexOf(form, StringComparison.Ordinal); at >= 0; at = text.IndexOf(form, at + 1, StringComparison.Ordinal))
        {
            var end = at + form.Length;
            if (!latin || ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]))))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Counts of the three kinds over every false negative of the scored documents, and the share of each;
    /// <paramref name="foldedTexts"/>: each document with a false negative, and its text folded (<see cref="SkillBenchmark.Fold"/>).
    /// </summary>
    public static void Write(TextWriter output, SkillTaxonomy taxonomy, IReadOnlyDictionary<SkillBenchmark.DocumentScore, string> foldedTexts)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { [NoNode] = 0, [FormWritten] = 0, [NoFormWritten] = 0 };
        foreach (var (score, text) in foldedTexts)
        {
            foreach (var id in score.Document.Skills.Where(score.FalseNegatives.Contains))
            {
                counts[Classify(taxonomy, text, id)]++;
            }

            counts[NoNode] += score.Document.Missing.Count;
        }

        var total = counts.Values.Sum();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Misses by kind ({total}): {string.Join("; ", counts.Select(c => $"{c.Key} {c.Value} ({(total == 0 ? 0 : 100.0 * c.Value / total):F0} %)"))}."));
    }
}
