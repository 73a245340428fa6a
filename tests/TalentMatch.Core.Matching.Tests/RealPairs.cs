using System.Text.Json;
using TalentMatch.Contracts;

namespace TalentMatch.Core.Matching.Tests;

/// <summary>
/// The real resumes (<c>updated_resume_dataset_en</c>, 200+ characters) and the 57 real Chinese AI ads
/// (<c>boss_zhipin_ai_jds_zh</c>) read through the real extractor (<see cref="ProfileFactory.Read"/>), with seeded unit
/// vectors so that the semantic component takes part and the figures are the same on every machine. Missing data
/// skips with a reason, except in CI, where it fails.
/// </summary>
internal static class RealPairs
{
    private static readonly Lazy<(IReadOnlyList<CandidateProfile> Candidates, IReadOnlyList<JobProfile> Jobs)> Profiles = new(Read);

    public static IReadOnlyList<CandidateProfile> Candidates => Profiles.Value.Candidates;

    public static IReadOnlyList<JobProfile> Jobs => Profiles.Value.Jobs;

    /// <summary>Skips (or fails, in CI) when ../shared/data beside the repository is not there.</summary>
    public static void RequireData()
    {
        if (DataFolder() is null)
        {
            const string reason = "The shared data folder (../shared/data beside TalentMatch.sln) is missing.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(reason + " CI must provide it.");
            }

            Assert.Skip(reason);
        }
    }

    private static (IReadOnlyList<CandidateProfile>, IReadOnlyList<JobProfile>) Read()
    {
        var data = DataFolder()!;
        static IEnumerable<string> Texts(string file) =>
            File.ReadLines(file).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!);
        var random = new Random(22);
        var candidates = Texts(Path.Combine(data, "updated_resume_dataset_en", "dedup.jsonl")).Where(t => t.Length >= 200)
            .Select((t, i) => ProfileFactory.Candidate($"r{i:000}", ProfileFactory.Read(t, DocumentKind.Resume, new DateOnly(2020, 1, 1)), UnitVector(random)))
            .ToList();
        var jobs = Texts(Path.Combine(data, "boss_zhipin_ai_jds_zh", "jds.jsonl"))
            .Select((t, i) => ProfileFactory.Job($"j{i:00}", ProfileFactory.Read(t, DocumentKind.Job, new DateOnly(2026, 1, 1)), UnitVector(random)))
            .ToList();
        return (candidates, jobs);
    }

    /// <summary>384 dimensions, L2-normalised, as the index holds them; random, so cosines spread around 0 (and some above the floor).</summary>
    private static float[] UnitVector(Random random)
    {
        var v = new float[384];
        double norm = 0;
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)((random.NextDouble() * 2) - 1);
            norm += v[i] * v[i];
        }

        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < v.Length; i++)
        {
            v[i] *= scale;
        }

        return v;
    }

    private static string? DataFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TalentMatch.sln")))
            {
                var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                return Directory.Exists(data) ? data : null;
            }
        }

        return null;
    }
}
