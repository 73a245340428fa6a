using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TalentMatch.Core.Documents;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// <c>talentmatch-bench redaction</c>: recall and precision of the anonymised read's redactor (<see cref="ResumeParser.FindIdentity"/>,
/// the spans <see cref="Redaction.Redact"/> replaces on every anonymised read) against the hand-labelled personal identifiers
/// of tests/TalentMatch.Bench.Tests/Gold/redaction-gold.json (docs/redaction-gold-set.md). An identifier counts once per
/// occurrence in the text; it is recalled when every non-blank character of that occurrence is inside a redacted span. A
/// redacted span is precise when it overlaps a labelled occurrence (the gold set does not label gendered words, ages in prose
/// or school names, so their spans are reported per kind and left out of the precision).
/// </summary>
internal static class BenchRedactionCommand
{
    private static readonly HashSet<IdentityKind> Unlabelled = [IdentityKind.Gender, IdentityKind.Age, IdentityKind.School];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Identifier(string Kind, string Value);

    private sealed record GoldDocument(string Source, int Line, string Split, IReadOnlyList<Identifier> Identifiers);

    private sealed record Gold(IReadOnlyList<GoldDocument> Documents);

    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "The shared data folder (default: ../shared/data beside the repository)." };
        var split = new Option<string>("--split") { Description = "dev, test, both (dev and test), holdout (blind for the second pass, measured once: no longer blind) or holdout2 (the blind split of the third pass: measure it once, after tuning).", DefaultValueFactory = _ => "both" };
        var misses = new Option<bool>("--misses") { Description = "Print each missed identifier and over-redacted span (tune on dev, test and holdout; holdout2 is measured once, after tuning)." };
        var command = new Command("redaction", "Anonymised screening: recall and precision of personal-identifier redaction on labelled public resumes.") { data, split, misses };
        command.SetAction(parse => Run(parse.GetValue(data) ?? BenchParseCommand.FindData(), parse.GetValue(split)!, parse.GetValue(misses)));
        return command;
    }

    private static int Run(string? data, string split, bool printMisses)
    {
        var root = SkillBenchmark.FindRepoRoot(Directory.GetCurrentDirectory());
        if (data is null || !Directory.Exists(data) || root is null)
        {
            Console.Error.WriteLine("Shared data folder or repository not found; pass --data and run inside the repository.");
            return 1;
        }

        var gold = JsonSerializer.Deserialize<Gold>(File.ReadAllText(Path.Combine(root, "tests", "TalentMatch.Bench.Tests", "Gold", "redaction-gold.json")),
            Json)!;
        Console.WriteLine($"Command: `dotnet run -c Release --project bench/TalentMatch.Bench -- redaction --split {split}`");
        foreach (var half in split == "both" ? ["dev", "test"] : new[] { split })
        {
            var documents = gold.Documents.Where(d => d.Split == half).ToList();
            if (documents.Count == 0)
            {
                Console.Error.WriteLine($"No documents in split '{half}'.");
                return 1;
            }
            var recall = new SortedDictionary<string, (int Found, int Total)>(StringComparer.Ordinal);
            var precision = new SortedDictionary<string, (int Right, int Total)>(StringComparer.Ordinal);
            foreach (var document in documents)
            {
                var text = ReadText(data, document);
                var spans = ResumeParser.FindIdentity(text, RedactionOptions.Default);
                var labelled = new List<(int Start, int End)>();
                foreach (var identifier in document.Identifiers)
                {
                    foreach (var (start, end) in Occurrences(text, identifier.Value))
                    {
                        labelled.Add((start, end));
                        var found = Enumerable.Range(start, end - start).All(i => char.IsWhiteSpace(text[i]) || spans.Any(s => s.Start <= i && i < s.End));
                        recall[identifier.Kind] = Add(recall.GetValueOrDefault(identifier.Kind), found);
                        if (!found && printMisses) Console.WriteLine($"  missed {identifier.Kind} '{identifier.Value}' in {document.Source}:{document.Line}");
                    }
                }
                foreach (var span in spans)
                {
                    var right = labelled.Any(l => l.Start < span.End && span.Start < l.End);
                    var kind = Unlabelled.Contains(span.Kind) ? $"({span.Kind}, not labelled)" : span.Kind.ToString();
                    precision[kind] = Add(precision.GetValueOrDefault(kind), right);
                    if (!right && printMisses && !Unlabelled.Contains(span.Kind)) Console.WriteLine($"  extra {span.Kind} '{text[span.Start..span.End]}' in {document.Source}:{document.Line}");
                }
            }

            var texts = documents.Select(d => ReadText(data, d)).ToList();
            var timing = TimePerResume(texts.Count, i => ResumeParser.FindIdentity(texts[i], RedactionOptions.Default));
            var all = recall.Values.Aggregate((Found: 0, Total: 0), (a, v) => (a.Found + v.Found, a.Total + v.Total));
            var labelledPrecision = precision.Where(p => !p.Key.StartsWith('(')).Select(p => p.Value).Aggregate((Right: 0, Total: 0), (a, v) => (a.Right + v.Right, a.Total + v.Total));
            Console.WriteLine($"\n{half}: {documents.Count} resumes, {all.Total} identifier occurrences; recall {Ratio(all.Found, all.Total)}, precision {Ratio(labelledPrecision.Right, labelledPrecision.Total)} (labelled kinds); FindIdentity {timing}");
            Console.WriteLine("| identifier | occurrences | recalled | recall |\n|---|---|---|---|");
            foreach (var (kind, (found, total)) in recall) Console.WriteLine($"| {kind} | {total} | {found} | {Ratio(found, total)} |");
            Console.WriteLine("| redacted span kind | spans | on a labelled identifier | precision |\n|---|---|---|---|");
            foreach (var (kind, (right, total)) in precision) Console.WriteLine($"| {kind} | {total} | {right} | {Ratio(right, total)} |");

            // What an anonymised search hit costs: the whole resume redacted, its identity found again (before) or read
            // from the spans search stored when it indexed the resume (StoredIdentity, as SearchEndpoints does now).
            var stored = texts.Select(t => StoredIdentity.Find(t, CancellationToken.None)).ToList();
            var again = TimePerResume(texts.Count, i => Redaction.Redact(texts[i], RedactionOptions.Default));
            var fromStored = TimePerResume(texts.Count, i => Redaction.Redact(texts[i], StoredIdentity.Read(stored[i], schools: false)!));
            Console.WriteLine($"An anonymised hit's whole-resume redaction: finding the identity again {again}; from the stored spans {fromStored}.");
        }

        return 0;
    }

    /// <summary>
    /// What <paramref name="read"/> (of the split's resume i) costs an anonymised read: the time per resume of the split in the fastest
    /// and the median of <see cref="TimingRounds"/> rounds over all of it, after one warm-up round (on a shared machine the
    /// fastest round is the one least disturbed by other work), and the slowest resume in the fastest time it took.
    /// </summary>
    private static string TimePerResume(int count, Action<int> read)
    {
        for (var i = 0; i < count; i++) read(i);
        var rounds = new double[TimingRounds];
        var slowest = new double[count];
        Array.Fill(slowest, double.MaxValue);
        for (var round = 0; round < TimingRounds; round++)
        {
            for (var i = 0; i < count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                read(i);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                rounds[round] += ms / count;
                slowest[i] = Math.Min(slowest[i], ms);
            }
        }
        Array.Sort(rounds);
        return string.Create(CultureInfo.InvariantCulture,
            $"{rounds[0]:0.000} ms per resume in the fastest of {TimingRounds} rounds (median {rounds[TimingRounds / 2]:0.000} ms; slowest resume {slowest.Max():0.000} ms)");
    }

    private const int TimingRounds = 30;

    private static string ReadText(string data, GoldDocument document)
    {
        var line = File.ReadLines(Path.Combine(data, document.Source)).Skip(document.Line - 1).First();
        return JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!;
    }

    /// <summary>Every occurrence of <paramref name="value"/> not inside a longer word.</summary>
    private static IEnumerable<(int Start, int End)> Occurrences(string text, string value)
    {
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            var before = i == 0 || !char.IsLetterOrDigit(text[i - 1]) || !char.IsLetterOrDigit(value[0]);
            var after = i + value.Length == text.Length || !char.IsLetterOrDigit(text[i + value.Length]) || !char.IsLetterOrDigit(value[^1]);
            if (before && after) yield return (i, i + value.Length);
        }
    }

    private static (int, int) Add((int A, int B) counts, bool hit) => (counts.A + (hit ? 1 : 0), counts.B + 1);

    private static string Ratio(int a, int b) => b == 0 ? "–" : (a / (double)b).ToString("0.000", CultureInfo.InvariantCulture);
}
