using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents;
using TalentMatch.Core.Embeddings;
using TalentMatch.Core.Matching;
using TalentMatch.Core.Skills;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// <c>talentmatch-bench match</c>: matching quality on the Vanetik vacancy–resume rankings (nDCG@5, Kendall tau per
/// annotator, annotator agreement, BM25 and embedding baselines), on our own graded set (nDCG@10 by dev/test split,
/// against BM25-only and embedding-only), and re-ranking speed (1,000 candidates with explanations, one core).
/// Prints Markdown for docs/benchmarks.md. Reads ../shared/data; never writes into it.
/// </summary>
internal static partial class BenchMatchCommand
{
    private static readonly string[] AnnotatorKeys = ["ANNOTATOR_1_RANKINGS", "ANNOTATOR_2_RANKINGS"];

    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "The shared data folder (default: ../shared/data beside the repository)." };
        var gold = new Option<string?>("--gold") { Description = "The graded set (default: tests/TalentMatch.Core.Matching.Tests/Gold/matching-gold.json in the repository)." };
        var part = new Option<string>("--part") { Description = "vanetik, gold, speed or all.", DefaultValueFactory = _ => "all" };
        part.AcceptOnlyFromAmong("all", "vanetik", "gold", "speed");
        var rounds = new Option<int>("--rounds") { Description = "Speed: timed re-rankings per job.", DefaultValueFactory = _ => 20 };
        var candidates = new Option<int>("--candidates") { Description = "Speed: candidates re-ranked per job.", DefaultValueFactory = _ => 1000 };
        var precision = new Option<EmbeddingPrecision>("--precision") { Description = "Embedding model arithmetic: Float32 or Int8.", DefaultValueFactory = _ => EmbeddingPrecision.Float32 };
        var command = new Command("match", "Matching: quality on Vanetik rankings and our graded set, and re-ranking speed on one core.")
        {
            data, gold, part, rounds, candidates, precision,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dataDir = parse.GetValue(data) ?? FindUp(Path.Combine("..", "shared", "data"));
            if (dataDir is null || !Directory.Exists(dataDir))
            {
                await Console.Error.WriteLineAsync("Shared data folder not found; pass --data.");
                return 1;
            }

            var which = parse.GetValue(part)!;
            var output = new StringBuilder();
            var embeddingPrecision = parse.GetValue(precision);
            output.AppendLine(CultureInfo.InvariantCulture, $"Command: `talentmatch-bench match --part {which} --precision {embeddingPrecision}` ({Environment.ProcessorCount} logical cores visible; .NET {Environment.Version}).");
            output.AppendLine();
            using var generator = which is "all" or "vanetik" or "gold"
                ? new OnnxSentenceEmbeddingGenerator(new OnnxEmbeddingOptions { Precision = embeddingPrecision })
                : null;
            if (which is "all" or "vanetik")
            {
                await VanetikAsync(dataDir, generator!, output, cancellationToken);
            }

            if (which is "all" or "gold")
            {
                var goldPath = parse.GetValue(gold) ?? FindUp(Path.Combine("tests", "TalentMatch.Core.Matching.Tests", "Gold", "matching-gold.json"));
                if (goldPath is null || !File.Exists(goldPath))
                {
                    await Console.Error.WriteLineAsync("Graded set not found; pass --gold.");
                    return 1;
                }

                await GoldAsync(dataDir, goldPath, generator!, output, cancellationToken);
            }

            if (which is "all" or "speed")
            {
                Speed(dataDir, parse.GetValue(candidates), parse.GetValue(rounds), output);
            }

            Console.Write(output.ToString());
            return 0;
        });
        return command;
    }

    // ---------------------------------------------------------------- Vanetik

    private static async Task VanetikAsync(string data, OnnxSentenceEmbeddingGenerator generator, StringBuilder output, CancellationToken ct)
    {
        var dir = Path.Combine(data, "vanetik_vacancy_resume_ranking_en");
        var vacancies = Csv.Parse(File.ReadAllText(Path.Combine(dir, "5_vacancies.csv"), Encoding.UTF8));
        var header = vacancies[0];
        int title = Array.IndexOf(header, "job_title"), description = Array.IndexOf(header, "job_description");
        var jobTexts = vacancies.Skip(1).Select(r => r[title] + "\n" + r[description]).ToList();
        var jobReadings = jobTexts.Select(t => ProfileFactory.Read(t, DocumentKind.Job, default)).ToList();
        var jobs = jobReadings.Select((r, i) => ProfileFactory.Job($"vacancy-{i + 1}", r)).ToList();

        using var rankings = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "rankings_parsed.json")));
        var annotators = AnnotatorKeys
            .Select(a => rankings.RootElement.GetProperty(a).EnumerateObject()
                .ToDictionary(p => int.Parse(p.Name, CultureInfo.InvariantCulture), p => p.Value.EnumerateArray().Select(v => v.GetInt32()).ToArray()))
            .ToList();
        var cvIds = annotators[0].Keys.Order().ToList();

        var reference = new DateOnly(2023, 8, 1); // the dataset's publication: what "Present" means in its CVs
        var cvTexts = new Dictionary<int, string>();
        foreach (var id in cvIds)
        {
            var read = DocumentReader.Read(File.ReadAllBytes(Path.Combine(dir, "CV_docx", $"{id}.docx")), $"{id}.docx");
            cvTexts[id] = read is ReadDocument d ? d.Text : "";
        }

        var cvReadings = cvIds.ToDictionary(id => id, id => ProfileFactory.Read(cvTexts[id], DocumentKind.Resume, reference));
        var candidates = cvIds.ToDictionary(id => id, id => ProfileFactory.Candidate($"cv-{id}", cvReadings[id]));
        var jobVectors = await EmbedAsync(generator, jobReadings.Select(EmbeddingText).ToList(), ct);
        jobs = jobs.Select((j, i) => j with { Vector = jobVectors[i] }).ToList();
        var cvVectors = await EmbedAsync(generator, cvIds.Select(id => ResumeEmbeddingText(cvReadings[id])).ToList(), ct);
        for (var i = 0; i < cvIds.Count; i++)
        {
            candidates[cvIds[i]] = candidates[cvIds[i]] with { Vector = cvVectors[i] };
        }

        var bm25 = new Bm25([.. jobTexts, .. cvTexts.Values]);
        var skillsOnly = MatchWeights.Default with { Semantic = 0 };
        var systems = new (string Name, Func<int, double[]> Scores)[]
        {
            ("combined (default weights)", cv => jobs.Select(j => Matcher.Default.ScoreValue(j, candidates[cv])).ToArray()),
            ("skills and facts only (semantic weight 0)", cv => jobs.Select(j => Matcher.Default.ScoreValue(j, candidates[cv], skillsOnly)).ToArray()),
            ("embedding only (cosine)", cv => jobs.Select(j => Statistics.Cosine(j.Vector!, candidates[cv].Vector!)).ToArray()),
            ("BM25 only (CV as query, vacancies as documents)", cv => Enumerable.Range(0, jobs.Count).Select(i => bm25.Score(cvTexts[cv], i)).ToArray()),
        };

        output.AppendLine("### Vanetik vacancy–resume rankings");
        output.AppendLine();
        output.AppendLine(CultureInfo.InvariantCulture, $"{jobs.Count} vacancies (all software developer ads), {cvIds.Count} annotated CVs read from DOCX; for each CV the system ranks the 5 vacancies. " +
            $"Annotator 1 ranked CVs 1–30, annotator 2 CVs 1–20. Relevance of a vacancy = 5 − its human place (4 … 0; a vacancy missing from an array with a duplicate gets 0); " +
            $"nDCG@5 with gain 2^rel − 1; Kendall tau-b between system scores and human relevance, averaged over CVs.");
        output.AppendLine();
        output.AppendLine("The upstream array is ambiguous (see rankings_parsed.json `_note`): reading **A** takes `array[k]` as the vacancy at place k+1 (the README's wording); reading **B** takes `array[i]` as the place of vacancy i+1. Both are reported.");
        output.AppendLine();
        output.AppendLine("| system | reading | nDCG@5 vs A1 | tau vs A1 | nDCG@5 vs A2 | tau vs A2 |");
        output.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var reading in new[] { 'A', 'B' })
        {
            var gold = annotators.Select(a => a.ToDictionary(p => p.Key, p => Relevance(p.Value, reading))).ToList();
            foreach (var (name, scores) in systems)
            {
                var cells = new List<string>();
                foreach (var g in gold)
                {
                    var ids = g.Keys.Where(candidates.ContainsKey).ToList();
                    cells.Add(F(ids.Average(id => Ndcg(scores(id), g[id], 5))));
                    cells.Add(F(ids.Average(id => KendallTauB(scores(id), g[id]))));
                }

                output.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {reading} | {string.Join(" | ", cells)} |");
            }

            // Agreement: each annotator's ranking scored against the other's, on the 20 CVs both ranked.
            var both = gold[1].Keys.Where(gold[0].ContainsKey).ToList();
            var a2vsA1 = both.Average(id => Ndcg(gold[1][id].Select(x => (double)x).ToArray(), gold[0][id], 5));
            var a1vsA2 = both.Average(id => Ndcg(gold[0][id].Select(x => (double)x).ToArray(), gold[1][id], 5));
            var tau = both.Average(id => KendallTauB(gold[1][id].Select(x => (double)x).ToArray(), gold[0][id]));
            output.AppendLine(CultureInfo.InvariantCulture, $"| annotator agreement (other annotator's ranking, CVs 1–20) | {reading} | {F(a2vsA1)} | {F(tau)} | {F(a1vsA2)} | {F(tau)} |");
            output.AppendLine(CultureInfo.InvariantCulture, $"| random ranking (exact expectation) | {reading} | {F(gold[0].Values.Average(RandomNdcg))} | 0 | {F(gold[1].Values.Average(RandomNdcg))} | 0 |");
        }

        output.AppendLine();
    }

    /// <summary>Relevance 4..0 per vacancy (index 0..4) from an annotator's array under reading A or B.</summary>
    internal static int[] Relevance(int[] array, char reading)
    {
        var relevance = new int[5];
        if (reading == 'A')
        {
            for (var place = array.Length - 1; place >= 0; place--)
            {
                // Walking from the worst place up, so a vacancy listed twice keeps its best place.
                var vacancy = array[place] - 1;
                if (vacancy is >= 0 and < 5)
                {
                    relevance[vacancy] = 4 - place;
                }
            }
        }
        else
        {
            for (var i = 0; i < 5 && i < array.Length; i++)
            {
                relevance[i] = Math.Clamp(5 - array[i], 0, 4);
            }
        }

        return relevance;
    }

    // ---------------------------------------------------------------- own graded set

    private static async Task GoldAsync(string data, string goldPath, OnnxSentenceEmbeddingGenerator generator, StringBuilder output, CancellationToken ct)
    {
        using var gold = JsonDocument.Parse(File.ReadAllBytes(goldPath));
        var grades = gold.RootElement.GetProperty("grades").EnumerateObject()
            .ToDictionary(f => f.Name, f => f.Value.EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetInt32(), StringComparer.Ordinal), StringComparer.Ordinal);

        var resumes = File.ReadLines(Path.Combine(data, "updated_resume_dataset_en", "dedup.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => (Id: e.GetProperty("row").GetInt32().ToString(CultureInfo.InvariantCulture), Category: e.GetProperty("category").GetString()!, Text: e.GetProperty("text").GetString()!))
            .ToList();
        var boss = File.ReadLines(Path.Combine(data, "boss_zhipin_ai_jds_zh", "jds.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("text").GetString()!, StringComparer.Ordinal);
        var mlJobs = Csv.Parse(File.ReadAllText(Path.Combine(data, "ml_jobs_us_en", "test_ml_jobs_us.csv"), CodePagesEncoding()));
        var mlText = Array.IndexOf(mlJobs[0], "job_description_text");

        var queries = gold.RootElement.GetProperty("queries").EnumerateArray().Select(q =>
        {
            var key = q.GetProperty("query").GetString()!;
            var (dataset, id) = (key[..key.IndexOf(':', StringComparison.Ordinal)], key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            var text = dataset == "boss_zhipin_ai_jds_zh" ? boss[id] : mlJobs[int.Parse(id, CultureInfo.InvariantCulture) + 1][mlText];
            return (Key: key, Family: q.GetProperty("family").GetString()!, Split: q.GetProperty("split").GetString()!, Text: text, Language: dataset == "boss_zhipin_ai_jds_zh" ? "zh" : "en");
        }).ToList();

        var reference = new DateOnly(2020, 1, 1); // the Kaggle resume set dates from about 2018–2020
        // The served path: ingestion's reading (ProfileFactory.Read), the embedding service's input, matching's profile.
        var cvReadings = resumes.Select(r => ProfileFactory.Read(r.Text, DocumentKind.Resume, reference)).ToList();
        var cvVectors = await EmbedAsync(generator, cvReadings.Select(EmbeddingText).ToList(), ct);
        var candidates = cvReadings.Select((r, i) => ProfileFactory.Candidate(resumes[i].Id, r, cvVectors[i])).ToList();
        var jobReadings = queries.Select(q => ProfileFactory.Read(q.Text, DocumentKind.Job, reference)).ToList();
        var jobs = jobReadings.Select((r, i) => ProfileFactory.Job(queries[i].Key, r)).ToList();
        var jobVectors = await EmbedAsync(generator, jobReadings.Select(EmbeddingText).ToList(), ct);
        jobs = jobs.Select((j, i) => j with { Vector = jobVectors[i] }).ToList();

        var bm25 = new Bm25(resumes.Select(r => r.Text).ToList());
        var skillsOnly = MatchWeights.Default with { Semantic = 0 };
        var systems = new (string Name, Func<int, double[]> Scores)[]
        {
            ("combined (default weights)", q => candidates.Select(c => Matcher.Default.ScoreValue(jobs[q], c)).ToArray()),
            ("skills and facts only (semantic weight 0)", q => candidates.Select(c => Matcher.Default.ScoreValue(jobs[q], c, skillsOnly)).ToArray()),
            ("embedding only (cosine)", q => candidates.Select(c => Statistics.Cosine(jobs[q].Vector!, c.Vector!)).ToArray()),
            ("BM25 only (ad as query, resumes as documents)", q => Enumerable.Range(0, resumes.Count).Select(d => bm25.Score(queries[q].Text, d)).ToArray()),
        };

        output.AppendLine("### Own graded set (AI ads × resumes)");
        output.AppendLine();
        output.AppendLine(CultureInfo.InvariantCulture, $"{queries.Count} ads ({queries.Count(q => q.Language == "zh")} Chinese BOSS直聘, {queries.Count(q => q.Language == "en")} US ML ads) against {resumes.Count} resumes (updated_resume_dataset_en, 25 categories); " +
            $"grades 0–3 from the rubric in docs/matching-gold-set.md; nDCG@10 with gain 2^grade − 1, ties in a system's scores broken by resume order.");
        output.AppendLine();
        output.AppendLine("| system | dev nDCG@10 | test nDCG@10 | test, zh ads | test, en ads |");
        output.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, scores) in systems)
        {
            var perQuery = queries.Select((q, i) =>
            {
                var relevance = resumes.Select(r => grades[q.Family].GetValueOrDefault(r.Category)).ToArray();
                return (q.Split, q.Language, Ndcg: Ndcg(scores(i), relevance, 10));
            }).ToList();
            string Mean(Func<(string Split, string Language, double Ndcg), bool> where) =>
                perQuery.Where(where).Select(p => p.Ndcg).DefaultIfEmpty(double.NaN).Average() is var m && double.IsNaN(m) ? "–" : F(m);
            output.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {Mean(p => p.Split == "dev")} | {Mean(p => p.Split == "test")} | {Mean(p => p.Split == "test" && p.Language == "zh")} | {Mean(p => p.Split == "test" && p.Language == "en")} |");
        }

        output.AppendLine();

        // Weight sweep on the dev queries only: how the default semantic weight was chosen (the test split never is).
        output.AppendLine("Semantic-weight sweep, dev queries only (other weights at their defaults):");
        output.AppendLine();
        output.AppendLine("| semantic weight | dev nDCG@10 |");
        output.AppendLine("|---:|---:|");
        foreach (var semantic in SweepWeights)
        {
            var w = MatchWeights.Default with { Semantic = semantic };
            var dev = queries.Select((q, i) => (q, i)).Where(x => x.q.Split == "dev").Average(x =>
                Ndcg(candidates.Select(c => Matcher.Default.ScoreValue(jobs[x.i], c, w)).ToArray(),
                    resumes.Select(r => grades[x.q.Family].GetValueOrDefault(r.Category)).ToArray(), 10));
            output.AppendLine(CultureInfo.InvariantCulture, $"| {semantic:0.00} | {F(dev)} |");
        }

        output.AppendLine();
    }

    private static readonly double[] SweepWeights = [0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 1.0, 1.5];

    // ---------------------------------------------------------------- speed

    private static void Speed(string data, int count, int rounds, StringBuilder output)
    {
        // One core, as the issue asks.
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            Process.GetCurrentProcess().ProcessorAffinity = 1;
        }

        var texts = new List<(string Text, DateOnly Reference)>();
        texts.AddRange(File.ReadLines(Path.Combine(data, "updated_resume_dataset_en", "dedup.jsonl"))
            .Select(l => (JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!, new DateOnly(2020, 1, 1))));
        foreach (var file in new[] { "train.jsonl", "test.jsonl" })
        {
            texts.AddRange(File.ReadLines(Path.Combine(data, "dotin_resume_ner_en", file))
                .Select(l => (JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!, new DateOnly(2022, 7, 30))));
        }

        var build = Stopwatch.StartNew();
        var distinct = texts.Where(t => !string.IsNullOrWhiteSpace(t.Text)).Select((t, i) => ProfileBuilder.Candidate($"r{i}", t.Text, t.Reference)).ToList();
        build.Stop();

        // Vectors stand in for the precomputed ones the index holds: same size (384), L2-normalised; the dot product costs the same.
        var random = new Random(42);
        float[] RandomUnit()
        {
            var v = new float[384];
            double norm = 0;
            for (var i = 0; i < v.Length; i++)
            {
                v[i] = (float)(random.NextDouble() * 2 - 1);
                norm += v[i] * v[i];
            }

            var scale = (float)(1 / Math.Sqrt(norm));
            for (var i = 0; i < v.Length; i++)
            {
                v[i] *= scale;
            }

            return v;
        }

        var pool = Enumerable.Range(0, count).Select(i => distinct[i % distinct.Count] with { Id = $"c{i}", Vector = RandomUnit() }).ToList();
        var jobTexts = File.ReadLines(Path.Combine(data, "boss_zhipin_ai_jds_zh", "jds.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).ToList();
        var jobs = jobTexts.Select((t, i) => ProfileBuilder.Job($"j{i}", t) with { Vector = RandomUnit() }).ToList();

        // Cold: a fresh matcher per job, so the taxonomy relations of its skills are computed inside the measurement.
        var cold = new List<double>();
        var taxonomy = SkillTaxonomy.LoadDefault();
        foreach (var job in jobs)
        {
            var fresh = new Matcher(taxonomy);
            var sw = Stopwatch.StartNew();
            fresh.Rank(job, pool, top: 50);
            cold.Add(sw.Elapsed.TotalMilliseconds);
        }

        var warm = new List<double>();
        foreach (var job in jobs)
        {
            Matcher.Default.Rank(job, pool, top: 50); // warm-up: JIT and the relation cache
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var job in jobs)
            {
                var sw = Stopwatch.StartNew();
                var top = Matcher.Default.Rank(job, pool, top: 50);
                warm.Add(sw.Elapsed.TotalMilliseconds);
                GC.KeepAlive(top);
            }
        }

        var requirements = jobs.Average(j => j.Requirements.Count);
        var skills = pool.Average(c => c.Skills.Count);
        output.AppendLine("### Re-ranking speed");
        output.AppendLine();
        output.AppendLine(CultureInfo.InvariantCulture, $"{count:N0} candidate profiles ({distinct.Count} distinct real resumes, built in {build.Elapsed.TotalSeconds:0.0} s, mean {skills:0.0} skills; 384-d unit vectors), " +
            $"{jobs.Count} real job ads (mean {requirements:0.0} requirements). One `Matcher.Rank(job, candidates, top: 50)` = every candidate scored, sorted, the top 50 explained. Pinned to one core.");
        output.AppendLine();
        output.AppendLine("| run | samples | p50 ms | p95 ms | p99 ms | max ms |");
        output.AppendLine("|---|---:|---:|---:|---:|---:|");
        output.AppendLine(CultureInfo.InvariantCulture, $"| warm (relations cached) | {warm.Count} | {P(warm, 50):0.0} | {P(warm, 95):0.0} | {P(warm, 99):0.0} | {warm.Max():0.0} |");
        output.AppendLine(CultureInfo.InvariantCulture, $"| cold (fresh matcher per job) | {cold.Count} | {P(cold, 50):0.0} | {P(cold, 95):0.0} | {P(cold, 99):0.0} | {cold.Max():0.0} |");
        output.AppendLine();
    }

    private static double P(List<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    // ---------------------------------------------------------------- metrics

    /// <summary>nDCG@k of the order given by <paramref name="scores"/> (descending, ties by index) against graded relevance; gain 2^rel − 1.</summary>
    internal static double Ndcg(double[] scores, int[] relevance, int k)
    {
        var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).ToList();
        var ideal = relevance.OrderDescending().ToList();
        double dcg = 0, idcg = 0;
        for (var i = 0; i < Math.Min(k, scores.Length); i++)
        {
            dcg += (Math.Pow(2, relevance[order[i]]) - 1) / Math.Log2(i + 2);
            idcg += (Math.Pow(2, ideal[i]) - 1) / Math.Log2(i + 2);
        }

        return idcg == 0 ? 0 : dcg / idcg;
    }

    /// <summary>Expected nDCG@5 of a uniformly random order of 5 items (exact: the mean over all 120 permutations).</summary>
    private static double RandomNdcg(int[] relevance)
    {
        double sum = 0;
        var count = 0;
        foreach (var permutation in Permutations([0, 1, 2, 3, 4]))
        {
            var scores = new double[5];
            for (var place = 0; place < 5; place++)
            {
                scores[permutation[place]] = 5 - place;
            }

            sum += Ndcg(scores, relevance, 5);
            count++;
        }

        return sum / count;
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            foreach (var rest in Permutations([.. items[..i], .. items[(i + 1)..]]))
            {
                yield return [items[i], .. rest];
            }
        }
    }

    /// <summary>Kendall tau-b between scores and relevance (both may tie); 0 when either is constant.</summary>
    internal static double KendallTauB(double[] scores, int[] relevance)
    {
        long concordant = 0, discordant = 0, tiesX = 0, tiesY = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            for (var j = i + 1; j < scores.Length; j++)
            {
                var dx = Math.Sign(scores[i] - scores[j]);
                var dy = Math.Sign(relevance[i] - relevance[j]);
                if (dx == 0 && dy == 0)
                {
                    continue;
                }

                if (dx == 0)
                {
                    tiesX++;
                }
                else if (dy == 0)
                {
                    tiesY++;
                }
                else if (dx == dy)
                {
                    concordant++;
                }
                else
                {
                    discordant++;
                }
            }
        }

        var denominator = Math.Sqrt((double)(concordant + discordant + tiesX) * (concordant + discordant + tiesY));
        return denominator == 0 ? 0 : (concordant - discordant) / denominator;
    }


    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    // ---------------------------------------------------------------- helpers

    private static async Task<List<float[]>> EmbedAsync(OnnxSentenceEmbeddingGenerator generator, List<string> texts, CancellationToken ct)
    {
        var result = new List<float[]>(texts.Count);
        foreach (var batch in texts.Chunk(16))
        {
            var embeddings = await generator.GenerateAsync(batch, cancellationToken: ct);
            result.AddRange(embeddings.Select(e => e.Vector.ToArray()));
        }

        return result;
    }

    /// <summary>BM25 (k1 1.2, b 0.75) over a fixed set of documents; Latin words and CJK character bigrams.</summary>
    private sealed class Bm25
    {
        private readonly List<Dictionary<string, int>> _documents;
        private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
        private readonly double _averageLength;
        private readonly List<int> _lengths;

        public Bm25(IReadOnlyList<string> documents)
        {
            _documents = documents.Select(d => Tokens(d).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal)).ToList();
            _lengths = _documents.Select(d => d.Values.Sum()).ToList();
            _averageLength = _lengths.Count == 0 ? 1 : Math.Max(1, _lengths.Average());
            foreach (var term in _documents.SelectMany(d => d.Keys))
            {
                _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
            }
        }

        public double Score(string query, int document)
        {
            const double k1 = 1.2, b = 0.75;
            var terms = _documents[document];
            double score = 0;
            foreach (var term in Tokens(query).Distinct(StringComparer.Ordinal))
            {
                if (!terms.TryGetValue(term, out var tf))
                {
                    continue;
                }

                var df = _documentFrequency[term];
                var idf = Math.Log(1 + (_documents.Count - df + 0.5) / (df + 0.5));
                score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * _lengths[document] / _averageLength));
            }

            return score;
        }

        private static IEnumerable<string> Tokens(string text)
        {
            foreach (Match m in TokenPattern().Matches(text.ToLowerInvariant()))
            {
                var token = m.Value;
                if (token[0] >= 0x3400)
                {
                    for (var i = 0; i + 1 < token.Length; i++)
                    {
                        yield return token.Substring(i, 2);
                    }

                    if (token.Length == 1)
                    {
                        yield return token;
                    }
                }
                else if (!StopWords.Contains(token))
                {
                    yield return token.TrimEnd('.');
                }
            }
        }

        private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
        {
            "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or", "that", "the", "to", "we", "with", "you", "your", "our", "will", "this", "have", "has",
        };
    }

    [GeneratedRegex(@"[a-z0-9][a-z0-9+#.]*|[\u3400-\u9fff]+")]
    private static partial Regex TokenPattern();

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    internal static string? FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    /// <summary>What the embedding service embeds for a profile (ADR 0002): the facts' title, the extracted skills' names, the text.</summary>
    private static string EmbeddingText(ProfileReading reading) =>
        ProfileEmbeddingText.Build(reading.Facts.Title, reading.Skills.Select(s => s.Name), reading.Text);

    private static string ResumeEmbeddingText(ProfileReading reading) =>
        ProfileEmbeddingText.BuildForResume(reading.Facts.Title, reading.Skills.Select(s => s.Name), reading.Text);
}
