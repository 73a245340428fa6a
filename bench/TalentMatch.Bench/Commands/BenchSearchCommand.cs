using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Cloud.Unum.USearch;
using TalentMatch.Contracts;
using TalentMatch.Core.SearchIndex;
using TalentMatch.Core.SearchIndex.Lucene;
using TalentMatch.Core.SearchIndex.QueryLanguage;
using TalentMatch.Core.Skills;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// <c>talentmatch-bench search --profiles N</c>: the embedded engine (Lucene.Net + USearch) on N generated
/// candidate profiles. Skills are drawn from the taxonomy (a role's skill family plus a Zipf-distributed
/// long tail), vectors are 384-d mixtures of per-skill directions plus noise (so neighbourhoods exist, as with
/// real embeddings). Measures bulk indexing docs/s; p50/p95 of keyword, kNN, hybrid, faceted, filtered
/// hybrid, boolean-with-facets and sorted queries; recall@10 of the approximate kNN against exact search, and exact brute-force kNN latency as
/// the baseline of the same run; memory and disk. Prints JSON.
/// </summary>
internal static class BenchSearchCommand
{
    private const int Dimensions = 384;
    private const string Tenant = "bench";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var profiles = new Option<int>("--profiles") { Description = "Profiles to index.", DefaultValueFactory = _ => 100_000 };
        var queries = new Option<int>("--queries") { Description = "Queries per kind.", DefaultValueFactory = _ => 300 };
        var batch = new Option<int>("--batch") { Description = "Profiles per bulk write (one commit each).", DefaultValueFactory = _ => 5_000 };
        var path = new Option<DirectoryInfo?>("--path") { Description = "Index folder (default: a temporary folder, deleted afterwards)." };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 42 };
        // The graph's settings, so that old and new can be compared in one session (defaults: the engine's).
        var defaults = new VectorIndexOptions();
        var metric = new Option<MetricKind>("--metric") { Description = "Graph metric (Cos, Ip).", DefaultValueFactory = _ => defaults.Metric };
        var quantization = new Option<ScalarKind>("--quantization") { Description = "Graph scalars (Float32, Float16, Int8).", DefaultValueFactory = _ => defaults.Quantization };
        var connectivity = new Option<int>("--connectivity") { Description = "HNSW M.", DefaultValueFactory = _ => defaults.Connectivity };
        var expansionAdd = new Option<int>("--expansion-add") { Description = "efConstruction.", DefaultValueFactory = _ => defaults.ExpansionAdd };
        var expansionSearch = new Option<int>("--expansion-search") { Description = "ef up to --expansion-base-size vectors.", DefaultValueFactory = _ => defaults.ExpansionSearch };
        var expansionBase = new Option<long>("--expansion-base-size") { Description = "Graph size above which ef grows with its square root (a huge value keeps ef fixed).", DefaultValueFactory = _ => defaults.ExpansionSearchBaseSize };
        var command = new Command("search", "Embedded search: indexing docs/s, query p50/p95, ANN recall@10, memory and disk.")
        {
            profiles, queries, batch, path, seed, metric, quantization, connectivity, expansionAdd, expansionSearch, expansionBase,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(profiles), parse.GetValue(queries), parse.GetValue(batch),
            parse.GetValue(path)?.FullName, parse.GetValue(seed), new VectorIndexOptions
            {
                Metric = parse.GetValue(metric),
                Quantization = parse.GetValue(quantization),
                Connectivity = parse.GetValue(connectivity),
                ExpansionAdd = parse.GetValue(expansionAdd),
                ExpansionSearch = parse.GetValue(expansionSearch),
                ExpansionSearchBaseSize = parse.GetValue(expansionBase),
            }, parse.InvocationConfiguration.Output, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(int profileCount, int queryCount, int batchSize, string? path, int seed, VectorIndexOptions vectors, TextWriter output, CancellationToken cancellationToken)
    {
        var temporary = path is null;
        path ??= Directory.CreateTempSubdirectory("talentmatch-bench-search-").FullName;
        try
        {
            var taxonomy = SkillTaxonomy.LoadDefault();
            var generator = new ProfileGenerator(taxonomy, seed);
            var clock = Stopwatch.StartNew();
            var profiles = Enumerable.Range(0, profileCount).Select(_ => generator.Next()).ToList();
            var generateSeconds = clock.Elapsed.TotalSeconds;
            var memoryBefore = CurrentMemory();

            using var index = new LuceneSearchIndex(path, new LuceneSearchIndexOptions
            {
                SkillAncestors = id => taxonomy.AncestorsOf(id).Select(s => s.Id),
                Vectors = vectors,
            });

            clock.Restart();
            var cpuBefore = ProcessCpuSeconds();
            foreach (var chunk in profiles.Chunk(batchSize))
            {
                await index.IndexManyAsync(Tenant, chunk, cancellationToken);
            }

            var indexSeconds = clock.Elapsed.TotalSeconds;
            var indexCpuSeconds = ProcessCpuSeconds() - cpuBefore;
            clock.Restart();
            index.Checkpoint();
            var checkpointSeconds = clock.Elapsed.TotalSeconds;
            var memoryAfter = CurrentMemory();

            var random = new Random(seed + 1);
            var queryProfiles = Enumerable.Range(0, queryCount).Select(_ => profiles[random.Next(profiles.Count)]).ToList();
            SearchQuery Keyword(IndexedProfile p) => new(DocumentKind.Resume, generator.QueryWords(p, random), Limit: 10);
            float[] QueryVector(IndexedProfile p) => ProfileGenerator.Perturb(p.Vector!, random);

            var keyword = await TimeAsync(index, queryProfiles.Select(Keyword).ToList(), cancellationToken);
            var knnQueries = queryProfiles.Select(p => new SearchQuery(DocumentKind.Resume, "", Limit: 10) { Vector = QueryVector(p) }).ToList();
            var knn = await TimeAsync(index, knnQueries, cancellationToken);
            var hybrid = await TimeAsync(index, queryProfiles.Select(p => Keyword(p) with { Vector = QueryVector(p) }).ToList(), cancellationToken);
            var faceted = await TimeAsync(index, queryProfiles.Select(p => Keyword(p) with
            {
                Facets = SearchFacets.All,
                MustHaveSkills = [p.SkillIds[0]],
            }).ToList(), cancellationToken);
            var filteredHybrid = await TimeAsync(index, queryProfiles.Select(p => Keyword(p) with
            {
                Vector = QueryVector(p),
                Facets = SearchFacets.All,
                YearsMin = 3,
                Remote = WorkMode.Remote,
                NiceToHaveSkills = [.. p.SkillIds.Take(2)],
            }).ToList(), cancellationToken);

            // A recruiter's boolean string: (two of the profile's skills, as phrases) AND one as a skill, NOT another skill's name.
            var booleanFaceted = await TimeAsync(index, queryProfiles.Select(p =>
            {
                var tree = generator.Boolean(p, random);
                return new SearchQuery(DocumentKind.Resume, string.Join(' ', tree.PositiveTerms().Select(t => t.Value)), Limit: 10) { Boolean = tree, Facets = SearchFacets.All };
            }).ToList(), cancellationToken);
            var sortedByExperience = await TimeAsync(index, queryProfiles.Select(p => Keyword(p) with { Sort = SearchSort.Experience }).ToList(), cancellationToken);

            // Exact kNN over the same vectors: ground truth for recall, and the latency baseline.
            var matrix = profiles.Select(p => p.Vector!).ToArray();
            var exactTimes = new Timings();
            double recallSum = 0;
            for (var i = 0; i < knnQueries.Count; i++)
            {
                var q = Vectors.Normalised(knnQueries[i].Vector);
                var cpu = ThreadCpuMilliseconds();
                var t = Stopwatch.GetTimestamp();
                var truth = ExactTop(matrix, q, 10);
                exactTimes.Wall.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                exactTimes.Cpu.Add(ThreadCpuMilliseconds() - cpu);
                var found = (await index.SearchAsync(Tenant, knnQueries[i], cancellationToken)).Hits.Select(h => h.Id).ToHashSet();
                recallSum += truth.Count(j => found.Contains(profiles[j].Id)) / 10.0;
            }

            var disk = new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).ToList();
            var result = new
            {
                engine = $"embedded (Lucene.Net 4.8 BM25 + CJK, USearch HNSW {vectors.Metric} {vectors.Quantization} M={vectors.Connectivity} "
                    + $"efConstruction={vectors.ExpansionAdd} ef={vectors.ExpansionFor(profileCount)} at this size)",
                profiles = profileCount,
                dimensions = Dimensions,
                processors = Environment.ProcessorCount,
                generate_seconds = Math.Round(generateSeconds, 1),
                indexing = new
                {
                    batch = batchSize,
                    seconds = Math.Round(indexSeconds, 1),
                    docs_per_second = Math.Round(profileCount / indexSeconds),
                    cpu_seconds = Math.Round(indexCpuSeconds, 1),
                    docs_per_cpu_second = Math.Round(profileCount / indexCpuSeconds),
                    vector_save_seconds = Math.Round(checkpointSeconds, 2),
                },
                queries_per_kind = queryCount,
                latency_ms = new
                {
                    keyword = Summary(keyword),
                    knn = Summary(knn),
                    hybrid = Summary(hybrid),
                    faceted = Summary(faceted),
                    filtered_hybrid_with_facets = Summary(filteredHybrid),
                    boolean_with_facets = Summary(booleanFaceted),
                    keyword_sorted_by_experience = Summary(sortedByExperience),
                    exact_knn_baseline = Summary(exactTimes),
                },
                recall_at_10 = Math.Round(recallSum / knnQueries.Count, 4),
                memory_mb = new
                {
                    managed_heap_growth = Math.Round((memoryAfter.Managed - memoryBefore.Managed) / 1048576.0),
                    working_set_growth = Math.Round((memoryAfter.WorkingSet - memoryBefore.WorkingSet) / 1048576.0),
                    working_set = Math.Round(memoryAfter.WorkingSet / 1048576.0),
                    peak_working_set = Math.Round(PeakWorkingSet() / 1048576.0),
                    note = "growth includes the raw vectors the benchmark itself holds for ground truth (" + Math.Round(profileCount * Dimensions * 4 / 1048576.0) + " MB)",
                },
                disk_mb = new
                {
                    lucene = Math.Round(disk.Where(f => f.Directory?.Name != "usearch").Sum(f => f.Length) / 1048576.0, 1),
                    usearch = Math.Round(disk.Where(f => f.Directory?.Name == "usearch").Sum(f => f.Length) / 1048576.0, 1),
                },
            };
            await output.WriteLineAsync(JsonSerializer.Serialize(result, Indented));
            return 0;
        }
        finally
        {
            if (temporary)
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    private static async Task<Timings> TimeAsync(LuceneSearchIndex index, List<SearchQuery> queries, CancellationToken cancellationToken)
    {
        foreach (var warmUp in queries.Take(20))
        {
            await index.SearchAsync(Tenant, warmUp, cancellationToken);
        }

        var times = new Timings();
        foreach (var query in queries)
        {
            var cpu = ThreadCpuMilliseconds();
            var start = Stopwatch.GetTimestamp();
            await index.SearchAsync(Tenant, query, cancellationToken); // completes synchronously: same thread
            times.Wall.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            times.Cpu.Add(ThreadCpuMilliseconds() - cpu);
        }

        return times;
    }

    /// <summary>Wall-clock latency, and CPU time of the querying thread: the second is what the query costs
    /// when the machine is shared (on a busy machine the first includes waiting for a core).</summary>
    private sealed class Timings
    {
        public List<double> Wall { get; } = [];

        public List<double> Cpu { get; } = [];
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID, nanosecond accounting); NaN elsewhere.</summary>
    internal static double ThreadCpuMilliseconds()
    {
        const int ThreadCpuClock = 3;
        if (!OperatingSystem.IsLinux() || ClockGetTime(ThreadCpuClock, out var time) != 0)
        {
            return double.NaN;
        }

        return (time.Seconds * 1000.0) + (time.Nanoseconds / 1e6);
    }

    private static object Summary(Timings times) => new { wall = Summary(times.Wall), thread_cpu = Summary(times.Cpu) };

    private static object Summary(List<double> times)
    {
        var sorted = times.Order().ToList();
        double At(double q) => Math.Round(Statistics.Percentile(sorted, q), 2);
        return new { p50 = At(0.50), p95 = At(0.95), max = Math.Round(sorted[^1], 2) };
    }

    private static int[] ExactTop(float[][] matrix, float[] query, int k)
    {
        var heap = new PriorityQueue<int, float>(k + 1);
        for (var i = 0; i < matrix.Length; i++)
        {
            heap.Enqueue(i, Vectors.Dot(matrix[i], query));
            if (heap.Count > k)
            {
                heap.Dequeue();
            }
        }

        var result = new int[heap.Count];
        for (var i = result.Length - 1; i >= 0; i--)
        {
            result[i] = heap.Dequeue();
        }

        return result;
    }

    /// <summary>CPU time of the whole process (every thread: Lucene's merges and the GC too), in seconds.</summary>
    private static double ProcessCpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static (long Managed, long WorkingSet) CurrentMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    /// <summary>
    /// Synthetic candidates. A profile picks a role family (a taxonomy category, weighted towards the
    /// hand-curated AI/ML ones), 4–14 skills mostly from that family and the rest from a Zipf-shaped long tail
    /// of the whole taxonomy; its text is written from the canonical English (or, for one in five, Chinese)
    /// skill names; its vector is the normalised sum of fixed random directions of its skills and its family
    /// plus Gaussian noise.
    /// </summary>
    private sealed class ProfileGenerator
    {
        private static readonly string[] Locations = ["beijing", "shanghai", "shenzhen", "hangzhou", "san francisco", "new york", "seattle", "london", "berlin", "paris", "zurich", "singapore", "tokyo", "toronto", "bangalore", "remote"];
        private static readonly string[] Seniorities = ["junior", "mid", "senior", "staff", "principal"];
        private static readonly string[] Filler = ["built", "shipped", "led", "designed", "production", "systems", "team", "platform", "models", "pipelines", "scale", "research", "latency", "customers", "data"];

        private readonly Random _random;
        private readonly Skill[] _skills;
        private readonly Dictionary<string, Skill[]> _families;
        private readonly string[] _familyNames;
        private readonly double[] _familyWeights;
        private readonly Dictionary<string, float[]> _directions = new(StringComparer.Ordinal);

        public ProfileGenerator(SkillTaxonomy taxonomy, int seed)
        {
            _random = new Random(seed);
            _skills = [.. taxonomy.Skills.Where(s => s.Kind == SkillKind.Skill)];
            _families = _skills.GroupBy(s => s.Category, StringComparer.Ordinal).Where(g => g.Count() >= 4)
                .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
            _familyNames = [.. _families.Keys.Order(StringComparer.Ordinal)];
            // Hand-curated (AI/ML, engineering) families are where most of our candidates live.
            _familyWeights = [.. _familyNames.Select(f => _families[f].Any(s => !s.Source.Contains("onet", StringComparison.OrdinalIgnoreCase)) ? 8.0 : 1.0)];
        }

        public IndexedProfile Next()
        {
            var family = _familyNames[Weighted(_familyWeights)];
            var members = _families[family];
            var count = _random.Next(4, 15);
            var skills = new HashSet<Skill>();
            while (skills.Count < count)
            {
                skills.Add(_random.NextDouble() < 0.7 ? members[Zipf(members.Length)] : _skills[Zipf(_skills.Length)]);
            }

            var chinese = _random.NextDouble() < 0.2;
            var names = skills.Select(s => chinese ? s.ChineseName : s.Name).ToList();
            var words = string.Join(' ', Enumerable.Range(0, 20).Select(_ => Filler[_random.Next(Filler.Length)]));
            var text = chinese
                ? $"熟悉{string.Join("、", names)}。负责{family}方向的系统建设。{words}"
                : $"Experienced in {string.Join(", ", names)}. Worked on {family}. {words}";
            var years = Math.Round(_random.NextDouble() * 20, 1);

            var vector = new float[Dimensions];
            foreach (var skill in skills)
            {
                Add(vector, Direction(skill.Id), 1f);
            }

            Add(vector, Direction("family:" + family), 2f);
            for (var d = 0; d < Dimensions; d++)
            {
                vector[d] += (float)(Gaussian() * 0.05);
            }

            return new IndexedProfile(Guid.CreateVersion7(), DocumentKind.Resume, $"{family} engineer", text, [.. skills.Select(s => s.Id)])
            {
                Vector = Vectors.Normalised(vector),
                YearsOfExperience = years,
                Location = Locations[Zipf(Locations.Length)],
                Remote = (WorkMode)_random.Next(3),
                Seniority = Seniorities[Math.Min(Seniorities.Length - 1, (int)(years / 4))],
                Language = chinese ? "zh" : "en",
            };
        }

        /// <summary>Two or three of the profile's skill names: what a recruiter types.</summary>
        public string QueryWords(IndexedProfile profile, Random random) =>
            string.Join(' ', profile.SkillIds.OrderBy(_ => random.Next()).Take(random.Next(2, 4)).Select(id => _skills.First(s => s.Id == id).Name));

        public AndNode Boolean(IndexedProfile profile, Random random)
        {
            var own = profile.SkillIds.OrderBy(_ => random.Next()).Take(2).ToList();
            var other = _skills[Zipf(_skills.Length)];
            return new AndNode(
            [
                new OrNode([.. own.Select(id => (QueryNode)new TermNode(QueryField.Any, _skills.First(s => s.Id == id).Name, Phrase: true, 0))], 0),
                new TermNode(QueryField.Skill, own[0], Phrase: false, 0),
                new NotNode(new TermNode(QueryField.Any, other.Name, Phrase: true, 0), 0),
            ], 0);
        }

        /// <summary>A query vector near the profile (a job written for someone like them).</summary>
        public static float[] Perturb(float[] vector, Random random)
        {
            var copy = (float[])vector.Clone();
            for (var d = 0; d < copy.Length; d++)
            {
                copy[d] += (float)(random.NextDouble() - 0.5) * 0.02f;
            }

            return Vectors.Normalised(copy);
        }

        private float[] Direction(string key)
        {
            if (!_directions.TryGetValue(key, out var direction))
            {
                var random = new Random(Fnv1a(key)); // string.GetHashCode differs per process
                direction = new float[Dimensions];
                for (var d = 0; d < Dimensions; d++)
                {
                    direction[d] = (float)(random.NextDouble() - 0.5);
                }

                _directions[key] = direction = Vectors.Normalised(direction);
            }

            return direction;
        }

        private static int Fnv1a(string key)
        {
            var hash = 2166136261u;
            foreach (var c in key)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)hash;
        }

        private static void Add(float[] target, float[] source, float weight)
        {
            for (var d = 0; d < target.Length; d++)
            {
                target[d] += source[d] * weight;
            }
        }

        private int Zipf(int n) => Math.Min(n - 1, (int)Math.Floor(Math.Pow(n + 1, _random.NextDouble())) - 1);

        private int Weighted(double[] weights)
        {
            var x = _random.NextDouble() * weights.Sum();
            for (var i = 0; i < weights.Length; i++)
            {
                x -= weights[i];
                if (x <= 0)
                {
                    return i;
                }
            }

            return weights.Length - 1;
        }

        private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
    }
}
