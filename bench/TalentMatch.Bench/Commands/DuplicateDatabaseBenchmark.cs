using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents;
using TalentMatch.Core.Documents.Duplicates;
using TalentMatch.Modules.Api.Duplicates;
using TalentMatch.Modules.Api.Persistence;

namespace TalentMatch.Bench.Commands;

/// <summary>
/// <c>talentmatch-bench duplicates --database N</c>: duplicate detection as the service runs it, against its database.
/// A SQLite file with the api's own schema (its migrations, write-ahead logging as the host sets it) is filled with
/// N background candidates of one tenant (fingerprints and lookup keys, as detection stores them), then the evaluation
/// half's resumes go through <see cref="DuplicateDetector.DetectAsync"/> one after the other, each on a fresh context
/// with the hashes ingestion sends, and the commit that stores its fingerprint and keys (in the service the same
/// commit records the status change). Each background candidate mixes a third of the lines of each of three resumes
/// of the other half (so it shares text with real resumes, but is nobody in the timed half) and has contact hashes of
/// its own; names come from a pool of N / 2 and employers from a pool of 2,000, so name + employer keys collide as
/// in a real tenant. The pairs found among the timed resumes are compared with the in-memory index's.
/// </summary>
internal static class DuplicateDatabaseBenchmark
{
    private const string Tenant = "bench";

    public static async Task RunAsync(IReadOnlyList<string> timed, IReadOnlyList<string> otherHalf, int background, int seed,
        IReadOnlySet<(int, int)> inMemoryPairs, Func<int, int, bool> samePerson, int duplicatePairs)
    {
        var file = Path.Combine(Path.GetTempPath(), $"talentmatch-bench-duplicates-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<SqliteApiDbContext>().UseSqlite($"Data Source={file}").Options;
        try
        {
            await using (var db = new SqliteApiDbContext(options))
            {
                await db.Database.MigrateAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }

            var filling = Stopwatch.StartNew();
            var keys = await FillAsync(options, background, otherHalf, new Random(seed));
            Console.WriteLine($"Background: {background} candidates, {keys} lookup keys, written in {filling.Elapsed.TotalSeconds:0} s; database {new FileInfo(file).Length / 1048576.0:0} MB (+ WAL).");

            var detector = new DuplicateDetector(TimeProvider.System, NullLogger<DuplicateDetector>.Instance);
            var ids = new List<Guid>(timed.Count);
            var detect = new List<double>(timed.Count);
            var withCommit = new List<double>(timed.Count);
            var steps = new DetectionSteps();
            var breakdown = new List<(double Total, double[] Steps, int Scored)>(timed.Count);
            foreach (var text in timed)
            {
                var sent = DuplicateFingerprint.ContactsOf(Tenant, ResumeParser.Parse(text, new DateOnly(2024, 1, 1))); // ingestion's side
                var candidate = new Candidate { Id = Guid.CreateVersion7(), TenantId = Tenant, Text = text, SubmittedAt = DateTimeOffset.UnixEpoch };
                ids.Add(candidate.Id);
                await using var db = new SqliteApiDbContext(options);
                // The consumer that detects has read the candidate on its context already: its connection is open.
                await db.Database.OpenConnectionAsync();
                var started = Stopwatch.GetTimestamp();
                await detector.DetectAsync(db, candidate, new ContactHashes(sent.Emails, sent.Phones, sent.Name, sent.Employers), CancellationToken.None, steps);
                detect.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                breakdown.Add((detect[^1], [.. steps.Milliseconds], steps.CandidatesScored));
                await db.SaveChangesAsync();
                withCommit.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            await using (var db = new SqliteApiDbContext(options))
            {
                var index = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
                var pairs = await db.DuplicatePairs.AsNoTracking().Select(p => new { p.FirstId, p.SecondId }).ToListAsync();
                var amongTimed = pairs.Where(p => index.ContainsKey(p.FirstId) && index.ContainsKey(p.SecondId))
                    .Select(p => (Math.Min(index[p.FirstId], index[p.SecondId]), Math.Max(index[p.FirstId], index[p.SecondId]))).ToHashSet();
                detect.Sort();
                withCommit.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Detection per resume against the database at {background} candidates ({timed.Count} resumes, one after the other): DetectAsync p50 {Statistics.Percentile(detect, 0.5):0.00} ms, p95 {Statistics.Percentile(detect, 0.95):0.00} ms; with the commit of its fingerprint and keys p50 {Statistics.Percentile(withCommit, 0.5):0.00} ms, p95 {Statistics.Percentile(withCommit, 0.95):0.00} ms."));
                PrintBreakdown(breakdown);
                var right = amongTimed.Count(p => samePerson(p.Item1, p.Item2));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Against the database, among the timed resumes (corrected gold): precision {right / (double)Math.Max(1, amongTimed.Count):0.000}, recall {right / (double)duplicatePairs:0.000} ({right} of {duplicatePairs} duplicate pairs)."));
                Console.WriteLine($"Pairs among the timed resumes: {amongTimed.Count} (in memory: {inMemoryPairs.Count}; the same: {(amongTimed.SetEquals(inMemoryPairs) ? "yes" : $"NO, {amongTimed.Except(inMemoryPairs).Count()} only here, {inMemoryPairs.Except(amongTimed).Count()} only in memory")}); pairs with a background candidate (all false, by construction): {pairs.Count - amongTimed.Count}.");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" }) File.Delete(path);
        }
    }

    /// <summary>
    /// What detection's time is made of: the mean milliseconds of each step over all resumes, and over the slowest
    /// 5 % (those at or above the p95, which is what the goal bounds), with how many candidates each scored.
    /// </summary>
    private static void PrintBreakdown(List<(double Total, double[] Steps, int Scored)> breakdown)
    {
        var slowest = breakdown.OrderByDescending(b => b.Total).Take(Math.Max(1, breakdown.Count / 20)).ToList();
        Console.WriteLine();
        Console.WriteLine("| step of DetectAsync | mean ms, all resumes | mean ms, slowest 5 % |");
        Console.WriteLine("|---|---|---|");
        foreach (var step in Enum.GetValues<DetectionStep>())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {step} | {breakdown.Average(b => b.Steps[(int)step]):0.000} | {slowest.Average(b => b.Steps[(int)step]):0.000} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| (total) | {breakdown.Average(b => b.Total):0.000} | {slowest.Average(b => b.Total):0.000} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| candidates scored per resume (mean) | {breakdown.Average(b => b.Scored):0.0} | {slowest.Average(b => b.Scored):0.0} |"));
        Console.WriteLine();
    }

    /// <returns>How many lookup keys were stored.</returns>
    private static async Task<long> FillAsync(DbContextOptions<SqliteApiDbContext> options, int count, IReadOnlyList<string> texts, Random random)
    {
        var lines = texts.Select(t => t.Split('\n')).ToList();
        var names = Enumerable.Range(0, Math.Max(1, count / 2)).Select(_ => RandomHash(random)).ToArray();
        var employers = Enumerable.Range(0, 2000).Select(_ => RandomHash(random)).ToArray();
        long keys = 0;
        const int Batch = 2000;
        for (var start = 0; start < count; start += Batch)
        {
            await using var db = new SqliteApiDbContext(options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(count, start + Batch); i++)
            {
                var text = string.Join('\n', Enumerable.Range(0, 3).SelectMany(_ => Third(lines[random.Next(lines.Count)], random)));
                var fingerprint = DuplicateFingerprint.FromHashes([RandomHash(random)], [RandomHash(random)], names[random.Next(names.Length)],
                    [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => employers[random.Next(employers.Length)])], text);
                DuplicateDetector.Store(db, Tenant, Guid.CreateVersion7(), fingerprint); // as detection stores each resume
                keys += fingerprint.LookupKeys().Distinct().Count();
            }

            await db.SaveChangesAsync();
        }

        return keys;
    }

    private static IEnumerable<string> Third(string[] lines, Random random)
    {
        var length = Math.Max(1, lines.Length / 3);
        return lines.Skip(random.Next(Math.Max(1, lines.Length - length + 1))).Take(length);
    }

    private static string RandomHash(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
