using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TalentMatch.Contracts;
using TalentMatch.Core.Embeddings;
using TalentMatch.Core.Matching;
using TalentMatch.Core.SearchIndex.Lucene;
using TalentMatch.Core.Skills;
using TalentMatch.Modules.Matching;
using TalentMatch.Modules.Search;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// <c>talentmatch-bench proactive</c>: what proactive matching costs per resume (issue #22), the stage-only run's
/// "proactive matching" stage on its own, on one thread: the real resumes and the 57 real Chinese AI ads read and
/// embedded as the stage-only run does (not timed), the ads in a Lucene index; then, for every resume, matching's
/// retrieval query and <see cref="MatchFinder.RankJobs"/> with the service's top and threshold, timed apart in wall
/// and thread CPU time. Prints a digest of every announced match (job and resume by position, score, explanation), so
/// that two builds can be shown to announce the same.
/// </summary>
internal static class BenchProactiveCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "The shared data folder (default: ../shared/data beside the repository)." };
        var rounds = new Option<int>("--rounds") { Description = "Passes over the resumes.", DefaultValueFactory = _ => 3 };
        var command = new Command("proactive", "Proactive matching's cost per resume: retrieval and ranking against the real ads, one thread.") { data, rounds };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dataDir = parse.GetValue(data) ?? BenchMatchCommand.FindUp(Path.Combine("..", "shared", "data"));
            if (dataDir is null || !Directory.Exists(dataDir))
            {
                await Console.Error.WriteLineAsync("Shared data folder not found; pass --data.");
                return 1;
            }

            await RunAsync(dataDir, parse.GetValue(rounds), Console.Out, cancellationToken);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(string data, int rounds, TextWriter output, CancellationToken cancellationToken)
    {
        static List<string> Texts(string file) =>
            [.. File.ReadLines(file).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)];
        var resumeTexts = Texts(Path.Combine(data, "updated_resume_dataset_en", "dedup.jsonl")).Where(t => t.Length >= 200).ToList();
        var jobTexts = Texts(Path.Combine(data, "boss_zhipin_ai_jds_zh", "jds.jsonl"));

        var folder = Directory.CreateTempSubdirectory("talentmatch-proactive-");
        try
        {
            var taxonomy = SkillTaxonomy.LoadDefault();
            using var index = new LuceneSearchIndex(folder.FullName, new LuceneSearchIndexOptions { SkillAncestors = id => taxonomy.AncestorsOf(id).Select(s => s.Id) });
            using var generator = new OnnxSentenceEmbeddingGenerator(new OnnxEmbeddingOptions());
            var today = new DateOnly(2026, 12, 6);
            var jobs = new Dictionary<Guid, (int Position, ProfilePayload Payload)>();
            foreach (var (text, position) in jobTexts.Select((t, i) => (t, i)))
            {
                var job = await StageOnlyIngestion.EmbedAsync(generator, await StageOnlyIngestion.ReadAsync(text, DocumentKind.Job, today, cancellationToken), cancellationToken);
                await index.IndexAsync(StageOnlyIngestion.Tenant, ProfileEmbeddedConsumer.ToIndexedProfile(job, null, cancellationToken), cancellationToken);
                jobs[job.DocumentId] = (position, ProfilePayload.From(job));
            }

            var resumes = new List<LoadedProfile>();
            foreach (var text in resumeTexts)
            {
                var embedded = await StageOnlyIngestion.EmbedAsync(generator, await StageOnlyIngestion.ReadAsync(text, DocumentKind.Resume, today, cancellationToken), cancellationToken);
                var payload = ProfilePayload.From(embedded);
                resumes.Add(new LoadedProfile(embedded.DocumentId, ProfilePayload.VersionOf(payload.ToJson()), payload));
            }

            var options = new MatchingOptions();
            var retrieval = (Wall: new List<double>(), Cpu: new List<double>());
            var ranking = (Wall: new List<double>(), Cpu: new List<double>());
            long scored = 0, announced = 0;
            using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            for (var round = 0; round <= rounds; round++)
            {
                // Round 0 warms up (JIT, the relations cache) and is not counted.
                foreach (var (candidate, position) in resumes.Select((r, i) => (r, i)))
                {
                    var (cpu, wall) = (BenchSearchCommand.ThreadCpuMilliseconds(), Stopwatch.GetTimestamp());
                    var hits = await index.SearchAsync(StageOnlyIngestion.Tenant, MatchFinder.RetrievalQuery(DocumentKind.Job, candidate.Payload, options.RetrievalDepth), cancellationToken);
                    var retrieved = hits.Hits.Select(h => new LoadedProfile(h.Id, "", jobs[h.Id].Payload)).ToList();
                    Lap(round > 0 ? retrieval : default, ref cpu, ref wall);

                    // What the consumer announces: at most NotifyTop pairs scoring at least NotifyThreshold.
                    var ranked = MatchFinder.RankJobs(candidate, retrieved, MatchWeights.Default, options.NotifyTop, options.NotifyThreshold);
                    Lap(round > 0 ? ranking : default, ref cpu, ref wall);
                    if (round == 1)
                    {
                        scored += retrieved.Count;
                        foreach (var (result, job) in ranked)
                        {
                            announced++;
                            var anonymous = result with { JobId = jobs[job.Id].Position.ToString(CultureInfo.InvariantCulture), CandidateId = position.ToString(CultureInfo.InvariantCulture) };
                            digest.AppendData(JsonSerializer.SerializeToUtf8Bytes(anonymous, JsonSerializerOptions.Web));
                        }
                    }
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{resumes.Count} real resumes × {rounds} rounds against {jobs.Count} real ads, one thread; " +
                $"{scored} pairs scored and {announced} announced per round (top {options.NotifyTop}, score ≥ {options.NotifyThreshold})."));
            output.WriteLine();
            output.WriteLine("| step | samples | wall p50 ms | wall mean ms | thread CPU p50 ms | thread CPU mean ms |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|");
            foreach (var (step, times) in new[] { ("retrieval", retrieval), ("ranking (`MatchFinder.RankJobs`)", ranking) })
            {
                var wall = times.Wall.Order().ToList();
                var cpu = times.Cpu.Order().ToList();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {step} | {wall.Count} | {Statistics.Percentile(wall, 0.5):0.00} | {wall.Average():0.00} | {Statistics.Percentile(cpu, 0.5):0.00} | {cpu.Average():0.00} |"));
            }

            output.WriteLine();
            output.WriteLine($"Announced matches digest (SHA-256 of each announced MatchResult as JSON, ids by position): {Convert.ToHexStringLower(digest.GetHashAndReset())}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void Lap((List<double> Wall, List<double> Cpu) times, ref double cpu, ref long wall)
    {
        var (nowCpu, nowWall) = (BenchSearchCommand.ThreadCpuMilliseconds(), Stopwatch.GetTimestamp());
        times.Wall?.Add(Stopwatch.GetElapsedTime(wall, nowWall).TotalMilliseconds);
        times.Cpu?.Add(nowCpu - cpu);
        (cpu, wall) = (nowCpu, nowWall);
    }
}
