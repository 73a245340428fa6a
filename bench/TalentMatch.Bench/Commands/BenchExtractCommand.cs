using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TalentMatch.Core.Documents;
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
        var gold = new Option<FileInfo[]>("--gold")
        {
            Description = "Gold files (default: the ad set skill-gold.json and the resume set resume-gold.json in tests/TalentMatch.Core.Skills.Tests/Gold/).",
            AllowMultipleArgumentsPerToken = true,
        };
        var split = new Option<string>("--split") { Description = "dev, test, test2, test3, test4, test5, test6, test7, test8 (the resume set's second to eighth blind splits) or all.", DefaultValueFactory = _ => "test" };
        var seconds = new Option<double>("--seconds") { Description = "Duration of the throughput loop.", DefaultValueFactory = _ => 5 };
        var errors = new Option<bool>("--errors") { Description = "List false positives and negatives per document (and, with linking, every proposed link)." };
        var linking = new Option<string>("--linking") { Description = "on: also score with semantic linking (the ONNX model), sweep its thresholds, time it; off: exact matching only.", DefaultValueFactory = _ => "off" };
        linking.AcceptOnlyFromAmong("on", "off");
        var englishThreshold = new Option<double?>("--link-threshold-en") { Description = "English linking threshold (default: the service's)." };
        var chineseThreshold = new Option<double?>("--link-threshold-zh") { Description = "Chinese linking threshold (default: the service's)." };
        var taxonomy = new Option<DirectoryInfo?>("--taxonomy")
        {
            Description = "A taxonomy folder (manifest.json and its files, as src/Core/TalentMatch.Core.Skills/Taxonomy) instead of the embedded one: to measure a candidate source before it ships.",
        };
        var command = new Command("extract", "Skill extraction: P/R/F1 on the gold set and public references, MB/s on one core.")
        {
            data, gold, split, seconds, errors, linking, englishThreshold, chineseThreshold, taxonomy,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var root = SkillBenchmark.FindRepoRoot(Directory.GetCurrentDirectory());
            var dataDir = SkillBenchmark.DataFolder(parse.GetValue(data));
            var goldPaths = parse.GetValue(gold) is { Length: > 0 } given
                ? given.Select(f => f.FullName).ToList()
                : root is null ? [] : SkillBenchmark.DefaultGoldPaths.Select(p => Path.Combine(root, p)).ToList();
            if (dataDir is null || !Directory.Exists(dataDir) || goldPaths.Count == 0 || goldPaths.Exists(p => !File.Exists(p)))
            {
                parse.InvocationConfiguration.Error.WriteLine($"Data folder '{dataDir}' or a gold file ({string.Join(", ", goldPaths)}) not found; pass --data and --gold.");
                return 2;
            }

            var linker = parse.GetValue(linking) == "on"
                ? LinkingBenchmark.Create(SkillTaxonomy.LoadDefault(), parse.GetValue(englishThreshold), parse.GetValue(chineseThreshold))
                : null;
            // The span table leaves out the blind splits' documents whichever gold files were picked.
            var blindSources = root is null ? goldPaths : goldPaths.Union(SkillBenchmark.DefaultGoldPaths.Select(p => Path.Combine(root, p))).ToList();
            SkillBenchmark.Run(output, dataDir, goldPaths, parse.GetValue(split)!, parse.GetValue(seconds), parse.GetValue(errors), linker, blindSources, parse.GetValue(taxonomy)?.FullName);
            return 0;
        });
        return command;
    }
}

/// <summary>The benchmark's reusable parts; the unit tests run the same code on the same data.</summary>
internal static class SkillBenchmark
{
    public const string DefaultGoldPath = "tests/TalentMatch.Core.Skills.Tests/Gold/skill-gold.json";

    /// <summary>The resume and unseen-document set of issue #23 (docs/resume-gold-set.md).</summary>
    public const string ResumeGoldPath = "tests/TalentMatch.Core.Skills.Tests/Gold/resume-gold.json";

    public static readonly string[] DefaultGoldPaths = [DefaultGoldPath, ResumeGoldPath];

    /// <summary>
    /// Held-out splits (docs/resume-gold-set.md): their documents are scored only in their own rows, never inside the
    /// span-level table of the public references, which covers whole files that also hold them.
    /// </summary>
    public static readonly string[] BlindSplits = ["test2", "test3", "test4", "test5", "test6", "test7", "test8"];

    /// <summary>A taxonomy folder shaped like the embedded one: <c>manifest.json</c> lists the files in load order.</summary>
    public static SkillTaxonomy LoadTaxonomy(string folder)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")));
        var files = manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => File.ReadAllText(Path.Combine(folder, f.GetString()!)));
        return SkillTaxonomy.FromJson(manifest.RootElement.GetProperty("version").GetString()! + "+" + Path.GetFileName(folder), files.ToList());
    }

    private const string ChineseSpanFile = "chinese_skillspan_gold_zh/gold150_merged_with_surface.jsonl";
    private const string DotinSpanFile = "dotin_resume_ner_en/test.jsonl";

    /// <summary>
    /// One annotated document. <paramref name="Line"/>: 1-based JSONL line, CSV data row or Hacker News case, 0 for a whole text file;
    /// <paramref name="Lines"/>: consecutive JSONL lines that make the document (a posting split into sentences).
    /// <paramref name="Type"/>: <c>ad</c>, <c>resume</c> or <c>ad-sentences</c>.
    /// </summary>
    public sealed record GoldDocument(string File, int Line, string Split, string Language, IReadOnlyList<string> Skills, IReadOnlyList<string> Missing)
    {
        public string Type { get; init; } = "ad";

        public int Lines { get; init; } = 1;

        public ExtractionMode Mode => Type == "resume" ? ExtractionMode.Resume : ExtractionMode.JobDescription;
    }

    public sealed record Counts(int TruePositives, int FalsePositives, int FalseNegatives)
    {
        public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

        public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

        public static Counts operator +(Counts a, Counts b) =>
            new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives);
    }

    public sealed record DocumentScore(GoldDocument Document, Counts Counts, IReadOnlyList<string> FalsePositives, IReadOnlyList<string> FalseNegatives);

    /// <summary>The shared data folder: the one given, else <c>../shared/data</c> beside the repository root (null outside it).</summary>
    public static string? DataFolder(DirectoryInfo? given) =>
        given?.FullName ?? (FindRepoRoot(Directory.GetCurrentDirectory()) is { } root ? Path.GetFullPath(Path.Combine(root, "..", "shared", "data")) : null);

    /// <summary>
    /// Text, a form or a <c>missing</c> name folded as the adjudication lookup folds them (tools/taxonomy-import/
    /// move-missing-labels.py): lower case, and every run of white space, dashes and underscores as one space, so that
    /// "Test-Planning" and "test planning" are one label. Spellings that differ in more (an abbreviation and its
    /// expansion) stay apart: guideline 11 settles them.
    /// </summary>
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            var spaced = char.IsWhiteSpace(c) || c is '-' or '_';
            if (!spaced || (builder.Length > 0 && builder[^1] != ' '))
            {
                builder.Append(spaced ? ' ' : c);
            }
        }

        return builder.ToString().Trim();
    }

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
            d.TryGetProperty("line", out var line) ? line.GetInt32() : 0,
            d.GetProperty("split").GetString()!,
            d.GetProperty("language").GetString()!,
            d.GetProperty("skills").EnumerateArray().Select(s => s.GetString()!).ToList(),
            d.GetProperty("missing").EnumerateArray().Select(s => s.GetString()!).ToList())
        {
            Type = d.TryGetProperty("type", out var type) ? type.GetString()! : "ad",
            Lines = d.TryGetProperty("lines", out var lines) ? lines.GetInt32() : 1,
        }).ToList();
    }

    /// <summary>The text of one gold document (see <see cref="GoldDocument"/>).</summary>
    public static string ReadDocument(string dataDir, GoldDocument document) => ReadDocument(dataDir, document.File, document.Line, document.Lines);

    /// <summary>
    /// JSONL: the "text" (or the joined "tokens") of <paramref name="lines"/> lines from <paramref name="line"/>, joined by
    /// newlines; the unlabelled Chinese ads: <paramref name="lines"/> sentences from entry <paramref name="line"/>. CSV: a data
    /// row's job description (the US ads are cp1252, the Vanetik vacancies UTF-8). The Hacker News cases file: one
    /// post (<see cref="ReadHackerNewsPost"/>). Anything else: the whole file.
    /// </summary>
    public static string ReadDocument(string dataDir, string file, int line, int lines = 1)
    {
        var path = Path.Combine(dataDir, file);
        if (file.EndsWith(".jsonl", StringComparison.Ordinal))
        {
            return string.Join('\n', File.ReadLines(path).Skip(line - 1).Take(lines).Select(jsonLine =>
            {
                using var json = JsonDocument.Parse(jsonLine);
                return SentenceText(json.RootElement);
            }));
        }

        if (file.EndsWith(UnlabelledChineseAds, StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            return string.Join('\n', json.RootElement.EnumerateArray().Skip(line - 1).Take(lines).Select(e => e.GetProperty("sentence").GetString()!));
        }

        if (file.EndsWith(".csv", StringComparison.Ordinal))
        {
            var rows = file.StartsWith("ml_jobs_us_en", StringComparison.Ordinal) ? ReadCsv(path) : Csv.Parse(File.ReadAllText(path));
            var column = Array.FindIndex(rows[0], h => h is "job_description_text" or "job_description");
            return rows[line][column];
        }

        if (file.EndsWith("eval_cases.json", StringComparison.Ordinal))
        {
            return ReadHackerNewsPost(path, line);
        }

        return File.ReadAllText(path);
    }

    /// <summary>The unlabelled Chinese-SkillSpan ads: a JSON array of sentences; a document is a run of entries (test3 to test8).</summary>
    private const string UnlabelledChineseAds = "CN_skillspan_lkst_train.json";

    /// <summary>A JSONL line's text: its <c>text</c>, or its <c>tokens</c> joined by spaces (SkillSpan's tokenised postings).</summary>
    private static string SentenceText(JsonElement line) =>
        line.TryGetProperty("text", out var text)
            ? text.GetString()!
            : string.Join(' ', line.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()));

    /// <summary>
    /// The Hacker News "Who is hiring" posts (hn_whoishiring_parse_cases_en): <paramref name="index"/> is the 1-based
    /// test case; its comment is HTML, read by the service's own reader as an uploaded .html file would be.
    /// </summary>
    private static string ReadHackerNewsPost(string path, int index)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var html = json.RootElement.GetProperty("test_cases")[index - 1].GetProperty("comment").GetProperty("content").GetString()!;
        return DocumentReader.Read(Encoding.UTF8.GetBytes(html), "post.html") is ReadDocument read
            ? read.Text
            : throw new InvalidDataException($"{path} case {index} does not read as HTML");
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

    /// <summary>
    /// Document-level micro scores: a skill id is a true positive when both the gold and the extractor list it. With a
    /// <paramref name="linker"/>, the extractor's result goes through semantic linking as the service's does.
    /// </summary>
    public static List<DocumentScore> Score(SkillExtractor extractor, string dataDir, IEnumerable<GoldDocument> documents, SemanticLinker? linker = null) =>
        documents.Select(d =>
        {
            var text = ReadDocument(dataDir, d);
            var result = extractor.Extract(text, d.Mode);
            result = linker is null ? result : linker.LinkAsync(text, result, d.Mode).GetAwaiter().GetResult();
            var predicted = result.Skills.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
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

    /// <summary>1-based lines of <paramref name="file"/> that a document of a <see cref="BlindSplits">blind split</see> uses.</summary>
    public static HashSet<int> BlindLines(IEnumerable<GoldDocument> gold, string file) =>
        gold.Where(d => d.File == file && BlindSplits.Contains(d.Split)).SelectMany(d => Enumerable.Range(d.Line, d.Lines)).ToHashSet();

    /// <summary>
    /// A span-annotated JSONL reference (text + [start, end, label] spans), without the lines in <paramref name="leaveOut"/>;
    /// <paramref name="labels"/>: the span labels that count (null: all).
    /// </summary>
    public static List<(string Text, List<(int Start, int End)> Gold)> SpanReference(string path, HashSet<int> leaveOut, string[]? labels = null) =>
        File.ReadLines(path).Select((l, index) => (Line: index + 1, Json: l)).Where(l => !leaveOut.Contains(l.Line)).Select(l =>
        {
            using var json = JsonDocument.Parse(l.Json);
            var text = json.RootElement.GetProperty("text").GetString()!;
            var spans = json.RootElement.GetProperty("spans").EnumerateArray()
                .Where(s => labels is null || labels.Contains(s[2].GetString()))
                .Select(s => (s[0].GetInt32(), s[1].GetInt32())).ToList();
            return (text, spans);
        }).ToList();

    public static void Run(TextWriter output, string dataDir, IReadOnlyList<string> goldPaths, string split, double seconds, bool listErrors, SemanticLinker? linker = null, IReadOnlyList<string>? blindSources = null, string? taxonomyFolder = null)
    {
        var clock = Stopwatch.StartNew();
        var extractor = new SkillExtractor(taxonomyFolder is null ? SkillTaxonomy.LoadDefault() : LoadTaxonomy(taxonomyFolder));
        var startup = clock.Elapsed;
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"Taxonomy {extractor.Taxonomy.Version}: {extractor.Taxonomy.Skills.Count} nodes; taxonomy load + automaton build {startup.TotalMilliseconds:F0} ms."));
        if (linker is not null)
        {
            clock.Restart();
            linker.WarmUpAsync().GetAwaiter().GetResult();
            output.WriteLine(string.Create(inv,
                $"Semantic linking on: {linker.EnglishNameCount} English names embedded in {clock.Elapsed.TotalSeconds:F1} s; thresholds en {linker.Options.EnglishThreshold:F2}, zh {linker.Options.ChineseThreshold:F2}."));
        }

        output.WriteLine();

        // 1. Our gold set.
        foreach (var goldPath in goldPaths)
        {
            var gold = LoadGold(goldPath).Where(d => split == "all" || d.Split == split).ToList();
            var scores = Score(extractor, dataDir, gold, linker);
            output.WriteLine($"Gold set {Path.GetFileName(goldPath)} ({split} split), micro-averaged over canonical skill ids per document{(linker is null ? string.Empty : ", semantic linking on")}:");
            output.WriteLine();
            WriteScoreTable(output, scores);
            if (linker is not null)
            {
                output.WriteLine();
                output.WriteLine("The same documents, linking off:");
                output.WriteLine();
                WriteScoreTable(output, Score(extractor, dataDir, gold));
                output.WriteLine();
                LinkingBenchmark.WriteSweep(output, extractor, linker, dataDir, gold, listErrors);
            }

            if (listErrors)
            {
                // A miss whose node has a form written in the document is marked: a reading rule turned it down.
                var texts = scores.Where(s => s.FalseNegatives.Count > 0).ToDictionary(s => s, s => Fold(ReadDocument(dataDir, s.Document)));
                output.WriteLine();
                MissKinds.Write(output, extractor.Taxonomy, texts);
                output.WriteLine();
                foreach (var s in scores.Where(s => s.FalsePositives.Count + s.FalseNegatives.Count > 0))
                {
                    var misses = s.FalseNegatives.Select(id => MissKinds.Classify(extractor.Taxonomy, texts.GetValueOrDefault(s, string.Empty), id) == MissKinds.FormWritten ? id + " (form written)" : id);
                    output.WriteLine($"- {s.Document.File}:{s.Document.Line} FP: {string.Join(", ", s.FalsePositives)} | FN: {string.Join(", ", misses)}");
                }
            }

            output.WriteLine();
        }

        // 2. Public references (span level: our evidence spans against their skill spans).
        output.WriteLine("Public references, span level (our evidence spans vs. their annotated spans):");
        output.WriteLine();
        output.WriteLine("| set | documents | lenient P | lenient R | lenient F1 | exact F1 |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        var allGold = (blindSources ?? goldPaths).SelectMany(LoadGold).ToList();
        var chineseBlind = BlindLines(allGold, ChineseSpanFile);
        var chinese = SpanReference(Path.Combine(dataDir, ChineseSpanFile), chineseBlind);
        WriteSpanRow(output, $"Chinese-SkillSpan gold150 (skills + knowledge; {chineseBlind.Count} blind sentences left out)", ScoreSpans(extractor, chinese, ExtractionMode.JobDescription));
        var dotinBlind = BlindLines(allGold, DotinSpanFile);
        var dotin = SpanReference(Path.Combine(dataDir, DotinSpanFile), dotinBlind, ["Tech Tools", "Job Specific Skills"]);
        WriteSpanRow(output, $"dotin resumes test (Tech Tools + Job Specific Skills; {dotinBlind.Count} blind resumes left out)", ScoreSpans(extractor, dotin, ExtractionMode.Resume));

        // 3. Throughput, one thread, over every real ad, repeated.
        var ads = AllAds(dataDir);
        if (linker is not null)
        {
            output.WriteLine();
            LinkingBenchmark.WriteThroughput(output, extractor, linker, ads, seconds);
            return;
        }

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

    /// <summary>
    /// One row per language and document type, then one per language, then all. Beside P/R/F1 over every gold label, the
    /// share of labels that have a taxonomy node and R/F1 over those alone: a label without a node (the gold's
    /// <c>missing</c>) is a miss no extraction rule can find, so the two say apart how much of a shortfall is coverage
    /// (the taxonomy's long tail) and how much is reading (the extractor on concepts it knows). P is the same for both.
    /// </summary>
    private static void WriteScoreTable(TextWriter output, List<DocumentScore> scores)
    {
        static string Language(GoldDocument d) => d.Language is "zh" or "en" ? d.Language : "mixed (zh ad with English body)";
        output.WriteLine("| language | type | documents | gold skills | P | R | F1 | with a node | R (node) | F1 (node) |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var rows = scores.GroupBy(s => (Language: Language(s.Document), s.Document.Type)).OrderBy(g => g.Key.Language, StringComparer.Ordinal).ThenBy(g => g.Key.Type, StringComparer.Ordinal)
            .Select(g => (g.Key.Language, g.Key.Type, Scores: g.ToList())).ToList();
        if (rows.Select(r => r.Type).Distinct().Count() > 1)
        {
            rows.AddRange(scores.GroupBy(s => Language(s.Document)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, "all", g.ToList())));
        }

        rows.Add(("all", "all", scores));
        foreach (var (language, type, group) in rows.Where(r => r.Scores.Count > 0))
        {
            var c = group.Select(s => s.Counts).Aggregate((a, b) => a + b);
            var withoutNode = group.Sum(s => s.Document.Missing.Count);
            var labels = c.TruePositives + c.FalseNegatives;
            var known = c with { FalseNegatives = c.FalseNegatives - withoutNode };
            var coverage = labels == 0 ? 1 : (double)(labels - withoutNode) / labels;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {language} | {type} | {group.Count} | {labels} | {c.Precision:F3} | {c.Recall:F3} | {c.F1:F3} | {coverage:F3} | {known.Recall:F3} | {known.F1:F3} |"));
        }
    }

    private static void WriteSpanRow(TextWriter output, string name, (Counts Lenient, Counts Exact, int Documents) r) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {r.Documents} | {r.Lenient.Precision:F3} | {r.Lenient.Recall:F3} | {r.Lenient.F1:F3} | {r.Exact.F1:F3} |"));
}
