using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TalentMatch.Core.Skills;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// <c>talentmatch-bench extract</c>: skill-extraction quality on our gold set (micro P/R/F1 of canonical skill ids
/// per language), span-level scores on two public references, and single-core throughput over the real job ads.
/// Reads the texts from <c>../shared/data</c> (never copied into the repo: see docs/skill-gold-set.md).
/// Prints Markdown for docs/benchmarks.md.
/// </summary>
internal static class BenchExtractCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "Shared data folder (default: <repo root>/../shared/data)." };
        var gold = new Option<FileInfo?>("--gold") { Description = "Gold file (default: tests/TalentMatch.Core.Skills.Tests/Gold/skill-gold.json)." };
        var split = new Option<string>("--split") { Description = "dev, test or all.", DefaultValueFactory = _ => "test" };
        var seconds = new Option<double>("--seconds") { Description = "Duration of the throughput loop.", DefaultValueFactory = _ => 5 };
        var errors = new Option<bool>("--errors") { Description = "List false positives and negatives per document." };
        var command = new Command("extract", "Skill extraction: P/R/F1 on the gold set and public references, MB/s on one core.")
        {
            data, gold, split, seconds, errors,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var root = SkillBenchmark.FindRepoRoot(Directory.GetCurrentDirectory());
            var dataDir = parse.GetValue(data)?.FullName ?? (root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", "data")));
            var goldPath = parse.GetValue(gold)?.FullName ?? (root is null ? null : Path.Combine(root, SkillBenchmark.DefaultGoldPath));
            if (dataDir is null || !Directory.Exists(dataDir) || goldPath is null || !File.Exists(goldPath))
            {
                parse.InvocationConfiguration.Error.WriteLine($"Data folder '{dataDir}' or gold file '{goldPath}' not found; pass --data and --gold.");
                return 2;
            }

            SkillBenchmark.Run(output, dataDir, goldPath, parse.GetValue(split)!, parse.GetValue(seconds), parse.GetValue(errors));
            return 0;
        });
        return command;
    }
}

/// <summary>The benchmark's reusable parts; the unit tests run the same code on the same data.</summary>
internal static class SkillBenchmark
{
    public const string DefaultGoldPath = "tests/TalentMatch.Core.Skills.Tests/Gold/skill-gold.json";

    public sealed record GoldDocument(string File, int Line, string Split, string Language, IReadOnlyList<string> Skills, IReadOnlyList<string> Missing);

    public sealed record Counts(int TruePositives, int FalsePositives, int FalseNegatives)
    {
        public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

        public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

        public static Counts operator +(Counts a, Counts b) =>
            new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives);
    }

    public sealed record DocumentScore(GoldDocument Document, Counts Counts, IReadOnlyList<string> FalsePositives, IReadOnlyList<string> FalseNegatives);

    public static string? FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TalentMatch.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    public static List<GoldDocument> LoadGold(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("documents").EnumerateArray().Select(d => new GoldDocument(
            d.GetProperty("file").GetString()!,
            d.GetProperty("line").GetInt32(),
            d.GetProperty("split").GetString()!,
            d.GetProperty("language").GetString()!,
            d.GetProperty("skills").EnumerateArray().Select(s => s.GetString()!).ToList(),
            d.GetProperty("missing").EnumerateArray().Select(s => s.GetString()!).ToList())).ToList();
    }

    /// <summary>The text of one gold document: a JSONL line's "text", or a CSV data row's job description (cp1252).</summary>
    public static string ReadDocument(string dataDir, string file, int line)
    {
        var path = Path.Combine(dataDir, file);
        if (file.EndsWith(".jsonl", StringComparison.Ordinal))
        {
            var jsonLine = File.ReadLines(path).Skip(line - 1).First();
            using var json = JsonDocument.Parse(jsonLine);
            return json.RootElement.GetProperty("text").GetString()!;
        }

        var rows = ReadCsv(path);
        var column = Array.IndexOf(rows[0], "job_description_text");
        return rows[line][column];
    }

    /// <summary>All texts of the real job ads: 57 Chinese (BOSS直聘) and 8 US ML ads.</summary>
    public static List<string> AllAds(string dataDir)
    {
        var ads = File.ReadLines(Path.Combine(dataDir, "boss_zhipin_ai_jds_zh", "jds.jsonl"))
            .Select(l =>
            {
                using var json = JsonDocument.Parse(l);
                return json.RootElement.GetProperty("text").GetString()!;
            }).ToList();
        var rows = ReadCsv(Path.Combine(dataDir, "ml_jobs_us_en", "test_ml_jobs_us.csv"));
        var column = Array.IndexOf(rows[0], "job_description_text");
        ads.AddRange(rows.Skip(1).Select(r => r[column]));
        return ads;
    }

    /// <summary>The US ads CSV (cp1252) as rows of fields.</summary>
    public static List<string[]> ReadCsv(string path) =>
        Csv.Parse(File.ReadAllText(path, CodePagesEncodingProvider.Instance.GetEncoding(1252)!));

    /// <summary>Document-level micro scores: a skill id is a true positive when both the gold and the extractor list it.</summary>
    public static List<DocumentScore> Score(SkillExtractor extractor, string dataDir, IEnumerable<GoldDocument> documents) =>
        documents.Select(d =>
        {
            var text = ReadDocument(dataDir, d.File, d.Line);
            var predicted = extractor.Extract(text).Skills.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            var expected = d.Skills.ToHashSet(StringComparer.Ordinal);
            var falsePositives = predicted.Except(expected).Order(StringComparer.Ordinal).ToList();
            var falseNegatives = expected.Except(predicted).Order(StringComparer.Ordinal).Concat(d.Missing.Select(m => "(not in taxonomy) " + m)).ToList();
            var truePositives = predicted.Intersect(expected).Count();
            return new DocumentScore(d, new Counts(truePositives, falsePositives.Count, falseNegatives.Count), falsePositives, falseNegatives);
        }).ToList();

    /// <summary>Span scores against a public span-annotated set: lenient (any overlap) and exact boundaries.</summary>
    public static (Counts Lenient, Counts Exact, int Documents) ScoreSpans(SkillExtractor extractor, IEnumerable<(string Text, List<(int Start, int End)> Gold)> documents, ExtractionMode mode)
    {
        Counts lenient = new(0, 0, 0), exact = new(0, 0, 0);
        var count = 0;
        foreach (var (text, gold) in documents)
        {
            count++;
            var predicted = extractor.Extract(text, mode).Skills.SelectMany(s => s.Evidence).Select(e => (e.Start, e.End)).ToList();
            static bool Overlaps((int Start, int End) a, (int Start, int End) b) => a.Start < b.End && b.Start < a.End;
            var goodPredictions = predicted.Count(p => gold.Exists(g => Overlaps(p, g)));
            var foundGold = gold.Count(g => predicted.Exists(p => Overlaps(p, g)));
            lenient += new Counts(goodPredictions, predicted.Count - goodPredictions, gold.Count - foundGold);
            var exactHits = predicted.Intersect(gold).Count();
            exact += new Counts(exactHits, predicted.Count - exactHits, gold.Count - exactHits);
        }

        return (lenient, exact, count);
    }

    public static void Run(TextWriter output, string dataDir, string goldPath, string split, double seconds, bool listErrors)
    {
        var clock = Stopwatch.StartNew();
        var extractor = new SkillExtractor(SkillTaxonomy.LoadDefault());
        var startup = clock.Elapsed;
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"Taxonomy {extractor.Taxonomy.Version}: {extractor.Taxonomy.Skills.Count} nodes; taxonomy load + automaton build {startup.TotalMilliseconds:F0} ms."));
        output.WriteLine();

        // 1. Our gold set.
        var gold = LoadGold(goldPath).Where(d => split == "all" || d.Split == split).ToList();
        var scores = Score(extractor, dataDir, gold);
        output.WriteLine($"Gold set ({split} split), micro-averaged over canonical skill ids per document:");
        output.WriteLine();
        output.WriteLine("| language | documents | gold skills | P | R | F1 |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var group in scores.GroupBy(s => s.Document.Language == "zh" ? "zh" : s.Document.Language == "en" ? "en" : "mixed (zh ad with English body)")
                     .Append(scores.GroupBy(_ => "all").Single()))
        {
            var c = group.Select(s => s.Counts).Aggregate((a, b) => a + b);
            output.WriteLine(string.Create(inv, $"| {group.Key} | {group.Count()} | {c.TruePositives + c.FalseNegatives} | {c.Precision:F3} | {c.Recall:F3} | {c.F1:F3} |"));
        }

        if (listErrors)
        {
            output.WriteLine();
            foreach (var s in scores.Where(s => s.FalsePositives.Count + s.FalseNegatives.Count > 0))
            {
                output.WriteLine($"- {s.Document.File}:{s.Document.Line} FP: {string.Join(", ", s.FalsePositives)} | FN: {string.Join(", ", s.FalseNegatives)}");
            }
        }

        // 2. Public references (span level: our evidence spans against their skill spans).
        output.WriteLine();
        output.WriteLine("Public references, span level (our evidence spans vs. their annotated spans):");
        output.WriteLine();
        output.WriteLine("| set | documents | lenient P | lenient R | lenient F1 | exact F1 |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        var chinese = File.ReadLines(Path.Combine(dataDir, "chinese_skillspan_gold_zh", "gold150_merged_with_surface.jsonl")).Select(l =>
        {
            using var json = JsonDocument.Parse(l);
            var text = json.RootElement.GetProperty("text").GetString()!;
            var spans = json.RootElement.GetProperty("spans").EnumerateArray().Select(s => (s[0].GetInt32(), s[1].GetInt32())).ToList();
            return (text, spans);
        }).ToList();
        WriteSpanRow(output, "Chinese-SkillSpan gold150 (skills + knowledge)", ScoreSpans(extractor, chinese, ExtractionMode.JobDescription));
        var dotin = File.ReadLines(Path.Combine(dataDir, "dotin_resume_ner_en", "test.jsonl")).Select(l =>
        {
            using var json = JsonDocument.Parse(l);
            var text = json.RootElement.GetProperty("text").GetString()!;
            var spans = json.RootElement.GetProperty("spans").EnumerateArray()
                .Where(s => s[2].GetString() is "Tech Tools" or "Job Specific Skills")
                .Select(s => (s[0].GetInt32(), s[1].GetInt32())).ToList();
            return (text, spans);
        }).ToList();
        WriteSpanRow(output, "dotin resumes test (Tech Tools + Job Specific Skills)", ScoreSpans(extractor, dotin, ExtractionMode.Resume));

        // 3. Throughput, one thread, over every real ad, repeated.
        var ads = AllAds(dataDir);
        var bytes = ads.Sum(a => (long)Encoding.UTF8.GetByteCount(a));
        foreach (var ad in ads)
        {
            extractor.Extract(ad); // warm-up: JIT and caches
        }

        long documents = 0, processed = 0;
        clock.Restart();
        do
        {
            foreach (var ad in ads)
            {
                extractor.Extract(ad);
            }

            documents += ads.Count;
            processed += bytes;
        }
        while (clock.Elapsed.TotalSeconds < seconds);
        var elapsed = clock.Elapsed.TotalSeconds;
        output.WriteLine();
        output.WriteLine(string.Create(inv,
            $"Throughput, one thread, {ads.Count} real ads ({bytes / 1024.0:F0} KiB UTF-8) repeated for {elapsed:F1} s: {processed / 1e6 / elapsed:F1} MB/s, {documents / elapsed:F0} documents/s."));
    }

    private static void WriteSpanRow(TextWriter output, string name, (Counts Lenient, Counts Exact, int Documents) r) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {r.Documents} | {r.Lenient.Precision:F3} | {r.Lenient.Recall:F3} | {r.Lenient.F1:F3} | {r.Exact.F1:F3} |"));
}
