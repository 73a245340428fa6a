using System.Globalization;
using TalentMatch.Core.Skills;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// The extractor beside two annotators (<c>agreement FIRST SECOND --extractor</c>): on the documents both annotated, the
/// extractor's F1 against each annotator, against their agreement, and a bound that forgives the gold's own
/// disagreement: precision against the labels <em>either</em> annotator gave (an id one of them chose is no plain error)
/// and recall against the labels <em>both</em> gave (what two people agree a reader must find). Beside the pairwise F1 of
/// the two annotators, this says how much of the extractor's distance from a goal is distance that people reading the
/// same text under the same rules also keep between themselves.
/// </summary>
internal static class ExtractorAgreement
{
    /// <summary>One shared document: the labels of each annotator (ids and folded <c>missing</c> names) and the extractor's ids.</summary>
    public sealed record Document(SkillBenchmark.GoldDocument Gold, IReadOnlySet<string> First, IReadOnlySet<string> Second, IReadOnlySet<string> Predicted);

    /// <summary>Counts of one comparison, summed over documents.</summary>
    public sealed record Scores(SkillBenchmark.Counts VersusFirst, SkillBenchmark.Counts VersusSecond, SkillBenchmark.Counts Annotators, Forgiving Forgiving);

    /// <summary>
    /// <paramref name="Right"/> of the <paramref name="Predicted"/> ids are labels either annotator gave;
    /// <paramref name="Found"/> of the <paramref name="Agreed"/> labels both gave were predicted.
    /// </summary>
    public sealed record Forgiving(int Right, int Predicted, int Found, int Agreed)
    {
        public double Precision => Predicted == 0 ? 1 : (double)Right / Predicted;

        public double Recall => Agreed == 0 ? 1 : (double)Found / Agreed;

        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

        public static Forgiving operator +(Forgiving a, Forgiving b) => new(a.Right + b.Right, a.Predicted + b.Predicted, a.Found + b.Found, a.Agreed + b.Agreed);
    }

    /// <summary>
    /// The extractor's ids are scored as the extract benchmark scores them: a gold <c>missing</c> name is a miss (no id can
    /// name it). <see cref="Scores.Forgiving"/>: precision against the union of the two annotators' labels, recall
    /// against their intersection, so its precision and recall come from different references (both stated in the
    /// table's header).
    /// </summary>
    public static Scores Score(IEnumerable<Document> documents)
    {
        SkillBenchmark.Counts zero = new(0, 0, 0);
        var (first, second, annotators, forgiving) = (zero, zero, zero, new Forgiving(0, 0, 0, 0));
        foreach (var d in documents)
        {
            first += Against(d.Predicted, d.First);
            second += Against(d.Predicted, d.Second);
            annotators += Against(d.Second, d.First);
            var either = d.First.Union(d.Second).ToHashSet(StringComparer.Ordinal);
            var both = d.First.Intersect(d.Second).ToHashSet(StringComparer.Ordinal);
            forgiving += new Forgiving(d.Predicted.Count(either.Contains), d.Predicted.Count, d.Predicted.Count(both.Contains), both.Count);
        }

        return new Scores(first, second, annotators, forgiving);
    }

    private static SkillBenchmark.Counts Against(IReadOnlySet<string> predicted, IReadOnlySet<string> gold)
    {
        var hits = predicted.Count(gold.Contains);
        return new SkillBenchmark.Counts(hits, predicted.Count - hits, gold.Count - hits);
    }

    /// <summary>Extracts every shared document as the extract benchmark does (resume mode for resumes) and pairs the labels.</summary>
    public static List<Document> Collect(IEnumerable<BenchAgreementCommand.DocumentAgreement> shared, string dataDir, SkillExtractor extractor) =>
        shared.Select(r =>
        {
            var text = SkillBenchmark.ReadDocument(dataDir, r.Document);
            var predicted = extractor.Extract(text, r.Document.Mode).Skills.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            return new Document(r.Document, BenchAgreementCommand.Labels(r.Document), BenchAgreementCommand.Labels(r.Second), predicted);
        }).ToList();

    public static void Write(TextWriter output, List<Document> documents, string taxonomyVersion)
    {
        output.WriteLine($"The extractor (taxonomy {taxonomyVersion}) on the same documents: F1 against each annotator, the annotators' pairwise F1, and P against the labels either gave / R against the labels both gave:");
        output.WriteLine();
        output.WriteLine("| language | type | documents | labels both gave | F1 vs first | F1 vs second | annotators' F1 | P (either) | R (both) | F1 (P either, R both) |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var groups = documents.GroupBy(d => (d.Gold.Language, d.Gold.Type))
            .OrderBy(g => g.Key.Language, StringComparer.Ordinal).ThenBy(g => g.Key.Type, StringComparer.Ordinal)
            .Select(g => (g.Key.Language, g.Key.Type, Documents: g.ToList())).ToList();
        groups.Add(("all", "all", documents));
        foreach (var (language, type, group) in groups)
        {
            var s = Score(group);
            var f = s.Forgiving;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {language} | {type} | {group.Count} | {f.Agreed} | {s.VersusFirst.F1:F3} | {s.VersusSecond.F1:F3} | {s.Annotators.F1:F3} | {f.Precision:F3} | {f.Recall:F3} | {f.F1:F3} |"));
        }
    }
}
