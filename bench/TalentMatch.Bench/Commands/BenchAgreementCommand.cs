using System.CommandLine;
using System.Globalization;
using TalentMatch.Core.Skills;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// <c>talentmatch-bench agreement FIRST SECOND</c>: inter-annotator agreement between two gold files in the gold-set
/// format (docs/resume-gold-set.md), as pairwise F1 over the labels of the documents both annotated (the same file,
/// line and line count). A label is a taxonomy id or a <c>missing</c> name (folded: <see cref="SkillBenchmark.Fold"/>): the second annotator's set is
/// scored against the first's, which makes F1 symmetric. Prints a Markdown table per language and document type and the
/// labels the two disagree on.
/// </summary>
internal static class BenchAgreementCommand
{
    public static Command Create()
    {
        var first = new Argument<FileInfo>("first") { Description = "Gold file of the first annotator." };
        var second = new Argument<FileInfo>("second") { Description = "Gold file of the second annotator (may hold only the sample)." };
        var extractor = new Option<bool>("--extractor")
        {
            Description = "Also extract the shared documents (read from --data) and score the extractor against each annotator, against the labels either gave (P) and both gave (R).",
        };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Shared data folder for --extractor (default: <repo root>/../shared/data)." };
        var command = new Command("agreement", "Pairwise F1 between two annotators' gold files, per language and document type.") { first, second, extractor, data };
        command.SetAction(parse =>
        {
            var (a, b) = (parse.GetValue(first)!, parse.GetValue(second)!);
            if (!a.Exists || !b.Exists)
            {
                parse.InvocationConfiguration.Error.WriteLine($"Gold file '{(a.Exists ? b : a).FullName}' not found.");
                return 2;
            }

            var rows = Compare(SkillBenchmark.LoadGold(a.FullName), SkillBenchmark.LoadGold(b.FullName));
            if (rows.Count == 0)
            {
                parse.InvocationConfiguration.Error.WriteLine("The two files share no document (same file, line and line count).");
                return 2;
            }

            Write(parse.InvocationConfiguration.Output, rows);
            if (parse.GetValue(extractor))
            {
                var dataDir = SkillBenchmark.DataFolder(parse.GetValue(data));
                if (dataDir is null || !Directory.Exists(dataDir))
                {
                    parse.InvocationConfiguration.Error.WriteLine($"Data folder '{dataDir}' not found; pass --data.");
                    return 2;
                }

                parse.InvocationConfiguration.Output.WriteLine();
                var skills = SkillExtractor.Default;
                ExtractorAgreement.Write(parse.InvocationConfiguration.Output, ExtractorAgreement.Collect(rows, dataDir, skills), skills.Taxonomy.Version);
            }

            return 0;
        });
        return command;
    }

    /// <summary>One shared document: the first annotator's entry (<paramref name="Document"/>) and the second's.</summary>
    public sealed record DocumentAgreement(SkillBenchmark.GoldDocument Document, SkillBenchmark.GoldDocument Second, SkillBenchmark.Counts Counts, IReadOnlyList<string> OnlyFirst, IReadOnlyList<string> OnlySecond);

    /// <summary>Per shared document: labels both gave (true positives), only the second (false positives), only the first (false negatives).</summary>
    public static List<DocumentAgreement> Compare(IReadOnlyList<SkillBenchmark.GoldDocument> first, IReadOnlyList<SkillBenchmark.GoldDocument> second)
    {
        var byKey = second.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        return first.Where(d => byKey.ContainsKey(Key(d))).Select(d =>
        {
            var (mine, theirs) = (Labels(d), Labels(byKey[Key(d)]));
            var both = mine.Intersect(theirs).Count();
            var onlyFirst = mine.Except(theirs).Order(StringComparer.Ordinal).ToList();
            var onlySecond = theirs.Except(mine).Order(StringComparer.Ordinal).ToList();
            return new DocumentAgreement(d, byKey[Key(d)], new SkillBenchmark.Counts(both, onlySecond.Count, onlyFirst.Count), onlyFirst, onlySecond);
        }).ToList();
    }

    private static (string, int, int) Key(SkillBenchmark.GoldDocument d) => (d.File, d.Line, d.Lines);

    internal static HashSet<string> Labels(SkillBenchmark.GoldDocument d) =>
        d.Skills.Concat(d.Missing.Select(m => "missing:" + SkillBenchmark.Fold(m))).ToHashSet(StringComparer.Ordinal);

    private static void Write(TextWriter output, List<DocumentAgreement> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine("| language | type | documents | labels (first) | labels (second) | pairwise F1 |");
        output.WriteLine("|---|---|---:|---:|---:|---:|");
        var groups = rows.GroupBy(r => (r.Document.Language, r.Document.Type))
            .OrderBy(g => g.Key.Language, StringComparer.Ordinal).ThenBy(g => g.Key.Type, StringComparer.Ordinal)
            .Select(g => (Language: g.Key.Language, Type: g.Key.Type, Rows: g.ToList())).ToList();
        groups.Add(("all", "all", rows));
        foreach (var (language, type, group) in groups)
        {
            var c = group.Select(r => r.Counts).Aggregate((x, y) => x + y);
            output.WriteLine(string.Create(inv,
                $"| {language} | {type} | {group.Count} | {c.TruePositives + c.FalseNegatives} | {c.TruePositives + c.FalsePositives} | {c.F1:F3} |"));
        }

        output.WriteLine();
        foreach (var r in rows.Where(r => r.OnlyFirst.Count + r.OnlySecond.Count > 0))
        {
            output.WriteLine($"- {r.Document.File}:{r.Document.Line} only first: {string.Join(", ", r.OnlyFirst)} | only second: {string.Join(", ", r.OnlySecond)}");
        }
    }
}
