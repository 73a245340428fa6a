using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents;
using TalentMatch.Core.Embeddings;
using TalentMatch.Core.Matching;
using TalentMatch.Core.SearchIndex;
using TalentMatch.Core.SearchIndex.Lucene;
using TalentMatch.Core.Skills;
using TalentMatch.Modules.Embedding;
using TalentMatch.Modules.Ingestion;
using TalentMatch.Modules.Matching;
using TalentMatch.Modules.Search;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// The stage-only limit of ingestion (issue #22): the same resumes through the same stages the service runs, in this
/// process, without bus, HTTP or database, as many in flight as the machine has cores. Each stage calls the service's
/// own code: ingestion's reading (<see cref="DocumentIngestor"/>, <see cref="DocumentSubmittedConsumer.ResumeParsedOf"/>: the
/// contact hashes and identity spans), embedding (<see cref="ProfileParsedConsumer.EmbeddingInput"/> and the ONNX generator
/// with the service's default settings), indexing (<see cref="ProfileEmbeddedConsumer.ToIndexedProfile"/> into a Lucene
/// index on disk), proactive matching (the payload and version matching stores, <see cref="MatchFinder.RetrievalQuery"/>
/// against the index, <see cref="MatchFinder.RankJobs"/>). What it leaves out is what the issue asks
/// to measure against: messages, HTTP, database reads and writes, and the stages that only read or write the database
/// (pipeline status, duplicate detection, insight facts, webhooks). The jobs are indexed first and held in memory.
/// </summary>
internal static class StageOnlyIngestion
{
    public const string Tenant = "stage-only";

    /// <summary>
    /// Resumes per second through all stages, each stage's mean wall time per resume (waits for a shared model session
    /// included), and how many (resume, job) pairs proactive matching scored: the work was done, not skipped.
    /// </summary>
    /// <param name="ProcessorTime">This process's processor time (all threads) over the timed part: what the stages cost the
    /// machine, whatever else shares it.</param>
    public sealed record Result(int Resumes, TimeSpan Elapsed, IReadOnlyList<(string Stage, double MillisecondsPerResume)> Stages, int PairsRanked,
        TimeSpan ProcessorTime)
    {
        public double ResumesPerSecond => Resumes / Elapsed.TotalSeconds;

        public double ProcessorMillisecondsPerResume => ProcessorTime.TotalMilliseconds / Resumes;
    }

    private static readonly string[] StageNames = ["parse + extract (ingestion)", "embedding", "indexing", "proactive matching"];

    public static async Task<Result> RunAsync(IReadOnlyList<string> resumes, IReadOnlyList<string> jobs, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("talentmatch-stage-only-");
        try
        {
            var taxonomy = SkillTaxonomy.LoadDefault();
            using var index = new LuceneSearchIndex(folder.FullName, new LuceneSearchIndexOptions { SkillAncestors = id => taxonomy.AncestorsOf(id).Select(s => s.Id) });
            using var generator = new OnnxSentenceEmbeddingGenerator(new OnnxEmbeddingOptions());
            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            var stageTicks = new long[StageNames.Length];

            // The jobs the resumes are matched against, through the same stages (not timed), as the end-to-end run posts them first.
            var jobPayloads = new ConcurrentDictionary<Guid, ProfilePayload>();
            foreach (var text in jobs)
            {
                var job = await EmbedAsync(generator, await ReadAsync(text, DocumentKind.Job, today, cancellationToken), cancellationToken);
                await index.IndexAsync(Tenant, ProfileEmbeddedConsumer.ToIndexedProfile(job, null, cancellationToken), cancellationToken);
                jobPayloads[job.DocumentId] = ProfilePayload.From(job);
            }

            var depth = new MatchingOptions().RetrievalDepth;
            var top = new MatchingOptions().NotifyTop;
            var threshold = new MatchingOptions().NotifyThreshold;
            var pairsRanked = 0;
            var processorBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(resumes, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                async (text, ct) =>
                {
                    var started = Stopwatch.GetTimestamp();
                    var parsed = await ReadAsync(text, DocumentKind.Resume, today, ct);
                    started = Lap(stageTicks, 0, started);

                    var embedded = await EmbedAsync(generator, parsed, ct);
                    started = Lap(stageTicks, 1, started);

                    var previous = await index.GetAsync(Tenant, DocumentKind.Resume, embedded.DocumentId, ct);
                    await index.IndexAsync(Tenant, ProfileEmbeddedConsumer.ToIndexedProfile(embedded, previous?.DuplicateGroup, ct), ct);
                    started = Lap(stageTicks, 2, started);

                    var payload = ProfilePayload.From(embedded);
                    var candidate = new LoadedProfile(embedded.DocumentId, ProfilePayload.VersionOf(payload.ToJson()), payload);
                    var hits = await index.SearchAsync(Tenant, MatchFinder.RetrievalQuery(DocumentKind.Job, payload, depth), ct);
                    var retrieved = hits.Hits.Select(h => new LoadedProfile(h.Id, "", jobPayloads[h.Id]));
                    var ranked = MatchFinder.RankJobs(candidate, retrieved, MatchWeights.Default, top, threshold);
                    Interlocked.Add(ref pairsRanked, hits.Hits.Count);
                    GC.KeepAlive(ranked);
                    Lap(stageTicks, 3, started);
                });
            var elapsed = clock.Elapsed;
            var processorTime = Process.GetCurrentProcess().TotalProcessorTime - processorBefore;
            return new Result(resumes.Count, elapsed,
                [.. StageNames.Select((name, i) => (name, Stopwatch.GetElapsedTime(0, stageTicks[i]).TotalMilliseconds / resumes.Count))], pairsRanked,
                processorTime);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static long Lap(long[] stageTicks, int stage, long started)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Add(ref stageTicks[stage], now - started);
        return now;
    }

    /// <summary>What <see cref="DocumentSubmittedConsumer"/> publishes for a text submission, as the embedding consumer receives it.</summary>
    internal static async Task<(Guid Id, DocumentKind Kind, string? Title, IngestionResult Result, string? Identity)> ReadAsync(
        string text, DocumentKind kind, DateOnly today, CancellationToken cancellationToken)
    {
        var result = await DocumentIngestor.IngestAsync(text, kind, today, linker: null, cancellationToken);
        if (result.IsRejected)
        {
            throw new InvalidOperationException($"A benchmark document was rejected: {result.RejectionReason} ({result.RejectionDetail}).");
        }

        var id = Guid.CreateVersion7();
        if (kind == DocumentKind.Job)
        {
            // Posted without a title: the parsed one, as JobParsed carries it.
            return (id, kind, result.Facts?.Title, result, null);
        }

        var parsed = DocumentSubmittedConsumer.ResumeParsedOf(id, Tenant, result, cancellationToken);
        return (id, kind, null, result, parsed.Identity);
    }

    /// <summary>What <see cref="ProfileParsedConsumer"/> publishes.</summary>
    internal static async Task<ProfileEmbedded> EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> generator,
        (Guid Id, DocumentKind Kind, string? Title, IngestionResult Result, string? Identity) parsed, CancellationToken cancellationToken)
    {
        var (id, kind, title, result, identity) = parsed;
        var input = ProfileParsedConsumer.EmbeddingInput(kind, title, result.Text!, result.Skills, result.Facts, cancellationToken);
        var embedding = await generator.GenerateAsync(input, cancellationToken: cancellationToken);
        return new ProfileEmbedded(id, Tenant, kind, title, result.Text!, result.Skills, embedding.Vector.ToArray(),
            embedding.ModelId ?? OnnxEmbeddingOptions.DefaultModelId, result.Facts, 0, identity);
    }
}
