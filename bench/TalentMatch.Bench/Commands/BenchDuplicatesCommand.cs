using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TalentMatch.Core.Documents;
using TalentMatch.Core.Documents.Duplicates;
using Doc = TalentMatch.Bench.Commands.RealResume;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// <c>talentmatch-bench duplicates</c>: precision and recall of duplicate-candidate suggestions on an
/// evaluation set built at run time from the public resumes in ../shared/data (nothing is copied):
/// every resume of dotin_resume_ner_en, updated_resume_dataset_en and vanetik_vacancy_resume_ranking_en
/// (the vanetik ones also as their PDF), each with five generated versions of itself
/// (<see cref="DuplicateVariants"/>), all ingested into one tenant in a shuffled order. Positives are
/// all pairs of one person's documents; every other pair is a negative, the hard ones being those of
/// two people with the same category (updated_resume_dataset_en) or job title (dotin's title line).
/// Detection is the service's: <see cref="DuplicateFingerprint.FromHashes"/> on the hashes ingestion sends
/// (<see cref="DuplicateFingerprint.ContactsOf"/>), timed against the fallback, <see cref="DuplicateFingerprint.Create"/> on <see cref="ResumeParser"/>'s
/// parse, candidates by shared <see cref="DuplicateFingerprint.LookupKeys"/> (the best 50 by evidence, as the api
/// module's DuplicateDetector), <see cref="DuplicateScorer.Assess"/>, through <see cref="DuplicateIndex"/>, whose
/// in-memory key index stands in for the DuplicateKeys table (<c>talentmatch dedupe</c> runs the same). People are split in halves by a hash of their id: the threshold was
/// chosen on "dev"; "test" is the blind figure.
/// </summary>
internal static class BenchDuplicatesCommand
{
    private sealed record Scored(int A, int B, double Score, IReadOnlyList<string> Reasons);

    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "The shared data folder (default: ../shared/data beside the repository)." };
        var split = new Option<string>("--split") { Description = "dev, test or both.", DefaultValueFactory = _ => "both" };
        var seed = new Option<int>("--seed") { Description = "Random seed of the versions and the ingestion order.", DefaultValueFactory = _ => 7 };
        var database = new Option<int>("--database")
        {
            Description = "Also time detection against the api's SQLite schema holding this many background candidates (DuplicateDatabaseBenchmark); 0: skip.",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("duplicates", "Duplicate candidates: precision/recall of the suggestions and detection time per resume.") { data, split, seed, database };
        command.SetAction(parse => Run(parse.GetValue(data) ?? BenchParseCommand.FindData(), parse.GetValue(split)!, parse.GetValue(seed), parse.GetValue(database)));
        return command;
    }

    private static int Run(string? data, string split, int seed, int database)
    {
        if (data is null || !Directory.Exists(data))
        {
            Console.Error.WriteLine("Shared data folder not found; pass --data.");
            return 1;
        }

        var bases = RealResumes.Load(data, withPdfVersions: true);
        var groups = RepeatedResumes(bases);
        Console.WriteLine($"{bases.Count(b => b.Kind == "original")} resumes; {groups.Values.Distinct().Count(g => groups.Count(x => x.Value == g) > 1)} groups of source files that are one resume repeated (80 % of one's word 8-grams in the other: the corpora reuse resumes under other fake names), counted as one person by the gold (a correction made before 2026-12-06's measurement: docs/benchmarks.md); the literal gold, every file its own person, is printed beside it.");
        Console.WriteLine($"Command: `dotnet run -c Release --project bench/TalentMatch.Bench -- duplicates --split {split} --seed {seed}{(database > 0 ? $" --database {database}" : "")}` ({Environment.ProcessorCount} logical cores visible, .NET {Environment.Version}); threshold {DuplicateScorer.Threshold.ToString(CultureInfo.InvariantCulture)}.");
        foreach (var half in split == "both" ? ["dev", "test"] : new[] { split })
        {
            var random = new Random(seed);
            var docs = new List<Doc>();
            foreach (var b in bases.Where(b => Half(b.Person) == half))
            {
                docs.Add(b);
                docs.AddRange(DuplicateVariants.Kinds.Select(kind => b with { Kind = kind, Text = DuplicateVariants.Make(kind, b.Text, random) }));
            }

            var shuffled = docs.OrderBy(_ => random.Next()).ToList();
            var pairs = Evaluate(half, shuffled, groups);
            if (database > 0)
            {
                Console.WriteLine();
                var onePerson = docs.GroupBy(d => groups[d.Person]).Sum(g => g.Count() * (g.Count() - 1) / 2);
                DuplicateDatabaseBenchmark.RunAsync([.. shuffled.Select(d => d.Text)],
                    [.. bases.Where(b => b.Kind == "original" && Half(b.Person) != half).Select(b => b.Text)], database, seed, pairs,
                    (a, b) => groups[shuffled[a].Person] == groups[shuffled[b].Person], onePerson).GetAwaiter().GetResult();
            }
        }

        return 0;
    }

    /// <returns>The pairs suggested (scored at or above the tenant's default threshold), by position in <paramref name="docs"/>.</returns>
    private static HashSet<(int, int)> Evaluate(string half, List<Doc> docs, Dictionary<string, string> groups)
    {
        // Both ways DuplicateDetector makes a fingerprint, each against its own in-memory key index (standing in for
        // the database), one resume after the other in one run: re-reading the contact details from the text (the
        // fallback for a ResumeParsed without hashes), and taking the hashes ingestion sent (its parse is ingestion's
        // work, done anyway for the facts, so it is outside the timed part). Quality is the hashes' path, the service's.
        var reparsing = new DuplicateIndex();
        var index = new DuplicateIndex();
        var scored = new List<Scored>();
        var reparsedPairs = new List<(int, int, double)>();
        var times = new List<double>(docs.Count);
        var reparseTimes = new List<double>(docs.Count);
        var parseTimes = new List<double>(docs.Count);
        for (var i = 0; i < docs.Count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var parsed = ResumeParser.Parse(docs[i].Text, new DateOnly(2024, 1, 1));
            parseTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            reparsedPairs.AddRange(reparsing.Add(DuplicateFingerprint.Create("bench", docs[i].Text, parsed))
                .Select(p => (p.Earlier, p.Later, p.Assessment.Score)));
            reparseTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            var sent = DuplicateFingerprint.ContactsOf("bench", parsed); // ingestion's side
            started = Stopwatch.GetTimestamp();
            var fingerprint = DuplicateFingerprint.FromHashes(sent.Emails, sent.Phones, sent.Name, sent.Employers, docs[i].Text);
            scored.AddRange(index.Add(fingerprint).Select(p => new Scored(p.Earlier, p.Later, p.Assessment.Score, p.Assessment.Reasons)));
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var samePairs = reparsedPairs.SequenceEqual(scored.Select(s => (s.A, s.B, s.Score)));

        var people = docs.GroupBy(d => d.Person).ToList();
        var positives = people.Sum(g => g.Count() * (g.Count() - 1) / 2);
        var hard = docs.GroupBy(d => d.Category).Sum(g => g.Count() * (g.Count() - 1) / 2) - docs.GroupBy(d => (d.Category, d.Person)).Sum(g => g.Count() * (g.Count() - 1) / 2);
        bool Same(Scored s) => docs[s.A].Person == docs[s.B].Person;
        bool Hard(Scored s) => !Same(s) && docs[s.A].Category == docs[s.B].Category;

        bool SameResume(Scored s) => groups[docs[s.A].Person] == groups[docs[s.B].Person];
        var positivesMerged = docs.GroupBy(d => groups[d.Person]).Sum(g => g.Count() * (g.Count() - 1) / 2);
        times.Sort();
        reparseTimes.Sort();
        parseTimes.Sort();
        Console.WriteLine();
        Console.WriteLine($"### {half}: {people.Count} people, {docs.Count} documents, {positives} duplicate pairs, {hard} hard-negative pairs (different people, same category or title)");
        Console.WriteLine();
        Console.WriteLine($"Detection per resume with the hashes from ResumeParsed (fingerprint, lookup, scoring; in memory, one thread): p50 {Statistics.Percentile(times, 0.5):0.00} ms, p95 {Statistics.Percentile(times, 0.95):0.00} ms; pairs scored {scored.Count}.");
        Console.WriteLine($"Detection per resume re-reading the contact details (the fallback, and the path before the hashes): p50 {Statistics.Percentile(reparseTimes, 0.5):0.00} ms, p95 {Statistics.Percentile(reparseTimes, 0.95):0.00} ms, of which ResumeParser p50 {Statistics.Percentile(parseTimes, 0.5):0.00} ms, p95 {Statistics.Percentile(parseTimes, 0.95):0.00} ms; the same pairs and scores as with the hashes: {(samePairs ? "yes" : "NO")}.");
        Console.WriteLine();
        // Precision and recall against the corrected gold (repeated source resumes as one person, RepeatedResumes) first;
        // against the literal gold (every source file its own person) beside them.
        Console.WriteLine("| threshold | suggested | precision | recall | precision, literal gold | recall, literal gold | hard negatives suggested |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var threshold in new[] { 0.3, 0.4, DuplicateScorer.Threshold, 0.6, 0.7, 0.8 }.Distinct().Order())
        {
            var suggested = scored.Where(s => s.Score >= threshold).ToList();
            var truePairs = suggested.Count(Same);
            var mark = threshold == DuplicateScorer.Threshold ? " (service)" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {threshold:0.00}{mark} | {suggested.Count} | {Ratio(suggested.Count(SameResume), suggested.Count)} | {Ratio(suggested.Count(SameResume), positivesMerged)} | {Ratio(truePairs, suggested.Count)} | {Ratio(truePairs, positives)} | {suggested.Count(Hard)} of {hard} |"));
        }

        Console.WriteLine();
        var atThreshold = scored.Where(s => s.Score >= DuplicateScorer.Threshold).ToList();
        var recallByKind = DuplicateVariants.Kinds.Append("pdf").Select(kind =>
        {
            var variants = docs.Select((d, i) => (d, i)).Where(x => x.d.Kind == kind).Select(x => x.i).ToHashSet();
            var found = atThreshold.Count(s => Same(s) && (variants.Contains(s.A) ? docs[s.B].Kind == "original" : variants.Contains(s.B) && docs[s.A].Kind == "original"));
            return $"{kind} {Ratio(found, variants.Count)} ({found}/{variants.Count})";
        });
        Console.WriteLine("Recall of the original against each version: " + string.Join(", ", recallByKind) + ".");
        var byReason = atThreshold.Where(s => !SameResume(s)).SelectMany(s => s.Reasons.Select(r => r.StartsWith("text ", StringComparison.Ordinal) ? "text" : r).Distinct())
            .GroupBy(r => r).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}");
        Console.WriteLine("False positives (corrected gold) with each reason: " + string.Join(", ", byReason) + ".");
        foreach (var miss in atThreshold.Where(s => !SameResume(s)).OrderByDescending(s => s.Score).Take(8))
        {
            Console.WriteLine($"- false positive {docs[miss.A].Person}/{docs[miss.A].Kind} ~ {docs[miss.B].Person}/{docs[miss.B].Kind}: {miss.Score.ToString(CultureInfo.InvariantCulture)} ({string.Join(", ", miss.Reasons)})");
        }

        return [.. atThreshold.Select(s => (Math.Min(s.A, s.B), Math.Max(s.A, s.B)))];
    }

    /// <summary>
    /// Source files that hold one resume (the corpora repeat resumes under other fake names): 80 % of the
    /// shorter one's word 8-grams occur in the other. Exact word runs, not the detector's MinHash, so the
    /// ground truth does not lean on the code it measures. Maps every person to its group's first person.
    /// </summary>
    private static Dictionary<string, string> RepeatedResumes(List<Doc> bases)
    {
        var originals = bases.Where(b => b.Kind == "original").ToList();
        var grams = originals.Select(b =>
        {
            var words = b.Text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return Enumerable.Range(0, Math.Max(0, words.Length - 7)).Select(i => string.Join(' ', words, i, 8)).ToHashSet(StringComparer.Ordinal);
        }).ToList();
        var group = originals.Select(b => b.Person).ToList();
        for (var i = 0; i < originals.Count; i++)
        {
            for (var j = i + 1; j < originals.Count; j++)
            {
                var (small, large) = grams[i].Count <= grams[j].Count ? (grams[i], grams[j]) : (grams[j], grams[i]);
                if (small.Count >= 20 && small.Count(large.Contains) >= 0.8 * small.Count)
                {
                    var from = group[j];
                    var to = group[i];
                    for (var k = 0; k < group.Count; k++)
                    {
                        if (group[k] == from)
                        {
                            group[k] = to;
                        }
                    }
                }
            }
        }

        return originals.Select((b, i) => (b.Person, Group: group[i])).ToDictionary(x => x.Person, x => x.Group, StringComparer.Ordinal);
    }

    private static string Ratio(int part, int whole) => whole == 0 ? "n/a" : (part / (double)whole).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>"dev" or "test", by a hash of the person's id that does not change between runs.</summary>
    private static string Half(string person)
    {
        var hash = 2166136261u;
        foreach (var c in person)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash % 2 == 0 ? "dev" : "test";
    }
}
