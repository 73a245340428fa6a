using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TalentMatch.Contracts;
using TalentMatch.Core.Matching;
using TalentMatch.Core.SearchIndex;
using TalentMatch.Modules.Matching.Persistence;

namespace TalentMatch.Modules.Matching;

public sealed class MatchingOptions
{
    public const string Section = "TalentMatch:Matching";

    /// <summary>How many candidates (or jobs) hybrid search retrieves before the matcher re-ranks them.</summary>
    [Range(1, SearchQuery.MaxLimit)]
    public int RetrievalDepth { get; set; } = SearchQuery.MaxLimit;

    /// <summary>Proactive matching announces pairs scoring at least this (0–1).</summary>
    [Range(0.0, 1.0)]
    public double NotifyThreshold { get; set; } = 0.6;

    /// <summary>Proactive matching announces at most this many pairs per indexed document.</summary>
    [Range(1, 1000)]
    public int NotifyTop { get; set; } = 10;
}

/// <summary>A stored profile, its version (content hash), revision and embedding model, what the matcher needs of it, and a resume's identity spans (<see cref="StoredProfile.Identity"/>).</summary>
public sealed record LoadedProfile(Guid Id, string Version, ProfilePayload Payload, int Revision = 0, string? Model = null, string? Identity = null);

/// <summary>
/// Both directions of matching: retrieve through the search port (hybrid: the profile's vector,
/// title and skills), then score every retrieved profile with the explainable matcher.
/// </summary>
public sealed class MatchFinder(MatchingDbContext db, ISearchIndex index, IOptions<MatchingOptions> options, JobPayloadCache jobPayloads)
{
    /// <summary>The defaults with the tenant's own overrides (what a request's overrides then apply to).</summary>
    public async Task<MatchWeights> TenantWeightsAsync(string tenantId, CancellationToken cancellationToken) =>
        MatchWeights.Default.With(await TenantOverridesAsync(tenantId, cancellationToken));

    public async Task<MatchWeightOverrides?> TenantOverridesAsync(string tenantId, CancellationToken cancellationToken)
    {
        var settings = await db.TenantSettings.AsNoTracking().SingleOrDefaultAsync(t => t.TenantId == tenantId, cancellationToken);
        return settings is null ? null : JsonSerializer.Deserialize<MatchWeightOverrides>(settings.WeightOverrides, JsonSerializerOptions.Web);
    }

    public async Task<LoadedProfile?> LoadAsync(string tenantId, DocumentKind kind, Guid id, CancellationToken cancellationToken)
    {
        var row = await db.Profiles.AsNoTracking()
            .SingleOrDefaultAsync(p => p.TenantId == tenantId && p.Kind == kind && p.Id == id, cancellationToken);
        return row is null ? null : new LoadedProfile(row.Id, row.Version, ProfilePayload.FromJson(row.Payload), row.Revision, row.Model, row.Identity);
    }

    /// <summary>
    /// Proactive matching's view: the best candidates for a job scoring at least <paramref name="minScore"/>, best first.
    /// Only those are explained (<see cref="Order{T}"/>).
    /// </summary>
    public async Task<IReadOnlyList<(MatchResult Result, LoadedProfile Candidate)>> CandidatesForJobAsync(
        string tenantId, LoadedProfile job, MatchWeights weights, int top, double minScore, CancellationToken cancellationToken) =>
        [.. (await CandidatesForJobAsync(tenantId, job, weights, top, minScore, collapse: false, cancellationToken)).Select(r => (r.Result, r.Candidate))];

    /// <summary>
    /// The recruiter's view: the best candidates for a job, best first; with <paramref name="collapse"/> one per
    /// suspected-duplicate group (the search index's groups, as the api states them): the best-scoring member, with the others' ids.
    /// </summary>
    public Task<IReadOnlyList<(MatchResult Result, LoadedProfile Candidate, IReadOnlyList<Guid> Duplicates)>> CandidatesForJobAsync(
        string tenantId, LoadedProfile job, MatchWeights weights, int top, bool collapse, CancellationToken cancellationToken) =>
        CandidatesForJobAsync(tenantId, job, weights, top, minScore: 0, collapse, cancellationToken);

    private async Task<IReadOnlyList<(MatchResult Result, LoadedProfile Candidate, IReadOnlyList<Guid> Duplicates)>> CandidatesForJobAsync(
        string tenantId, LoadedProfile job, MatchWeights weights, int top, double minScore, bool collapse, CancellationToken cancellationToken)
    {
        var prepared = Matcher.Default.Prepare(job.Payload.ToJob(job.Id));
        var (retrieved, groups) = await RetrieveWithGroupsAsync(tenantId, DocumentKind.Resume, job.Payload, cancellationToken);
        var ordered = Order(retrieved.Select(c => (Profile: c, Candidate: c.Payload.ToCandidate(c.Id))), c => c.Profile.Id,
            c => Matcher.Default.ScoreValue(prepared, c.Candidate, weights));

        // Folded before the threshold, so that a group's other members are all named, as without one.
        var folded = collapse
            ? DuplicateCollapse.Fold(ordered, r => groups.GetValueOrDefault(r.Item.Profile.Id))
            : [.. ordered.Select(r => (Best: r, Others: new List<(double, (LoadedProfile Profile, CandidateProfile))>()))];
        return [.. folded.TakeWhile(f => f.Best.Score >= minScore).Take(top).Select(f => (
            Matcher.Default.Score(prepared, f.Best.Item.Candidate, weights),
            f.Best.Item.Profile,
            (IReadOnlyList<Guid>)[.. f.Others.Select(o => o.Item2.Profile.Id)]))];
    }

    /// <summary>The candidate's view: the open roles that fit a candidate best, scoring at least <paramref name="minScore"/>, best first.</summary>
    public async Task<IReadOnlyList<(MatchResult Result, LoadedProfile Job)>> JobsForCandidateAsync(
        string tenantId, LoadedProfile candidate, MatchWeights weights, int top, double minScore, CancellationToken cancellationToken)
    {
        var jobs = await RetrieveAsync(tenantId, DocumentKind.Job, candidate.Payload, cancellationToken);
        return RankJobs(candidate, jobs, weights, top, minScore);
    }

    /// <summary>
    /// The retrieved jobs scoring at least <paramref name="minScore"/> for the candidate, best first, at most
    /// <paramref name="top"/>; only those explained (public for the ingestion benchmark's stage-only run).
    /// </summary>
    public static List<(MatchResult Result, LoadedProfile Job)> RankJobs(LoadedProfile candidate, IEnumerable<LoadedProfile> jobs, MatchWeights weights, int top, double minScore = 0)
    {
        var candidateProfile = candidate.Payload.ToCandidate(candidate.Id);
        var ordered = Order(jobs.Select(j => (Profile: j, Job: Matcher.Default.Prepare(j.Payload.ToJob(j.Id)))), j => j.Profile.Id,
            j => Matcher.Default.ScoreValue(j.Job, candidateProfile, weights));
        return [.. ordered.TakeWhile(r => r.Score >= minScore).Take(top).Select(r => (Matcher.Default.Score(r.Item.Job, candidateProfile, weights), r.Item.Profile))];
    }

    /// <summary>
    /// The matcher's order over scores in numbers only: best first, ties by id (so that equal scores rank the same way
    /// every time). The callers explain only the few they return, with the same score: explanations (strings, evidence)
    /// were about a fifth of ranking's cost (docs/benchmarks.md, "Proactive matching per resume", issue #22).
    /// </summary>
    private static List<(double Score, T Item)> Order<T>(IEnumerable<T> items, Func<T, Guid> id, Func<T, double> score) =>
        [.. items.Select(i => (Score: score(i), Item: i)).OrderByDescending(r => r.Score).ThenBy(r => id(r.Item))];

    /// <summary>
    /// What matching asks search for the other side of <paramref name="from"/>: hybrid, its vector, title and skills
    /// (public so that the ingestion benchmark's stage-only run retrieves as the service does).
    /// </summary>
    public static SearchQuery RetrievalQuery(DocumentKind kind, ProfilePayload from, int depth)
    {
        var skills = from.Skills.Select(s => s.Id).Distinct(StringComparer.Ordinal).Take(20).ToList();
        var words = string.Join(' ', new[] { from.Title }.Concat(from.Skills.Select(s => s.Name)).OfType<string>());
        return new SearchQuery(kind, words, Math.Clamp(depth, 1, SearchQuery.MaxLimit))
        {
            Vector = from.Vector.Length > 0 ? from.Vector : null,
            NiceToHaveSkills = skills,
            IdsOnly = true, // the profiles come from matching's own store: no texts loaded, nothing highlighted
        };
    }

    private async Task<List<LoadedProfile>> RetrieveAsync(string tenantId, DocumentKind kind, ProfilePayload from, CancellationToken cancellationToken) =>
        (await RetrieveWithGroupsAsync(tenantId, kind, from, cancellationToken)).Profiles;

    /// <summary>The retrieved profiles, and each one's suspected-duplicate group as the index holds it.</summary>
    private async Task<(List<LoadedProfile> Profiles, Dictionary<Guid, Guid?> Groups)> RetrieveWithGroupsAsync(
        string tenantId, DocumentKind kind, ProfilePayload from, CancellationToken cancellationToken)
    {
        // Closed and deleted jobs are not in the index, so they are never retrieved.
        var hits = await index.SearchAsync(tenantId, RetrievalQuery(kind, from, options.Value.RetrievalDepth), cancellationToken);
        var ids = hits.Hits.Select(h => h.Id).ToList();
        var groups = hits.Hits.ToDictionary(h => h.Id, h => h.DuplicateGroup);
        if (kind == DocumentKind.Job)
        {
            return (await LoadJobsAsync(tenantId, ids, cancellationToken), groups);
        }

        var rows = await db.Profiles.AsNoTracking()
            .Where(p => p.TenantId == tenantId && p.Kind == kind && ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Version, p.Payload, p.Revision, p.Model, p.Identity })
            .ToListAsync(cancellationToken);
        return ([.. rows.Select(r => new LoadedProfile(r.Id, r.Version, ProfilePayload.FromJson(r.Payload), r.Revision, r.Model, r.Identity))], groups);
    }

    /// <summary>
    /// Jobs' profiles: their current versions from the database, the payloads of versions read before from
    /// <see cref="JobPayloadCache"/>, the rest read (and kept) once.
    /// </summary>
    private async Task<List<LoadedProfile>> LoadJobsAsync(string tenantId, List<Guid> ids, CancellationToken cancellationToken)
    {
        var current = await db.Profiles.AsNoTracking()
            .Where(p => p.TenantId == tenantId && p.Kind == DocumentKind.Job && ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Version, p.Revision, p.Model })
            .ToListAsync(cancellationToken);
        var loaded = new List<LoadedProfile>(current.Count);
        var missing = new List<Guid>();
        foreach (var row in current)
        {
            if (jobPayloads.TryGet(tenantId, row.Id, row.Version, out var payload))
            {
                loaded.Add(new LoadedProfile(row.Id, row.Version, payload, row.Revision, row.Model));
            }
            else
            {
                missing.Add(row.Id);
            }
        }

        if (missing.Count > 0)
        {
            // Read with its version again: a job edited since the first read is matched as it is now.
            var rows = await db.Profiles.AsNoTracking()
                .Where(p => p.TenantId == tenantId && p.Kind == DocumentKind.Job && missing.Contains(p.Id))
                .Select(p => new { p.Id, p.Version, p.Payload, p.Revision, p.Model })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                var payload = ProfilePayload.FromJson(row.Payload);
                jobPayloads.Set(tenantId, row.Id, row.Version, payload);
                loaded.Add(new LoadedProfile(row.Id, row.Version, payload, row.Revision, row.Model));
            }
        }

        return loaded;
    }
}
