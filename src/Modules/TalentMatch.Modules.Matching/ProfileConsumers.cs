using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TalentMatch.Contracts;
using TalentMatch.Modules.Matching.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Matching;

/// <summary>Keeps matching's copy of every profile current, and forgets it with the document.</summary>
public sealed class ProfileStoreConsumer(MatchingDbContext db, TimeProvider clock) : IConsumer<ProfileEmbedded>, IConsumer<DocumentDeleted>
{
    public async Task Consume(ConsumeContext<ProfileEmbedded> context)
    {
        var m = context.Message;
        if (await db.AlreadyProcessedAsync(context, nameof(ProfileStoreConsumer), clock))
        {
            return;
        }

        var json = ProfilePayload.From(m).ToJson();
        var stored = await db.Profiles.SingleOrDefaultAsync(
            p => p.TenantId == m.TenantId && p.Kind == m.Kind && p.Id == m.DocumentId, context.CancellationToken);
        if (stored is null)
        {
            stored = new StoredProfile { TenantId = m.TenantId, Kind = m.Kind, Id = m.DocumentId, Version = "", Payload = "" };
            db.Profiles.Add(stored);
        }
        else if (stored.Revision > m.Revision)
        {
            // A late redelivery of older content: keep the newer profile (the key still commits).
            await db.SaveChangesAsync(context.CancellationToken);
            return;
        }

        stored.Revision = m.Revision;
        stored.Payload = json;
        stored.Version = ProfilePayload.VersionOf(json);
        stored.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<DocumentDeleted> context)
    {
        var m = context.Message;
        // A resume's skills and evidence are personal data: nothing of it stays here.
        await db.Profiles.Where(p => p.TenantId == m.TenantId && p.Kind == m.Kind && p.Id == m.DocumentId)
            .ExecuteDeleteAsync(context.CancellationToken);
        await (m.Kind == DocumentKind.Resume
                ? db.NotifiedPairs.Where(p => p.TenantId == m.TenantId && p.CandidateId == m.DocumentId)
                : db.NotifiedPairs.Where(p => p.TenantId == m.TenantId && p.JobId == m.DocumentId))
            .ExecuteDeleteAsync(context.CancellationToken);
        if (m.Erasure)
        {
            await context.Publish(new DocumentErased(m.DocumentId, m.TenantId, m.Kind, ServiceModules.Matching, clock.GetUtcNow()), context.CancellationToken);
        }
    }
}

/// <summary>The profile an index event refers to is not stored yet (its ProfileEmbedded is still on its way): retry.</summary>
public sealed class ProfileNotYetStoredException(Guid id) : Exception($"Profile {id} is not stored yet.");

/// <summary>
/// Proactive matching: when a job is indexed, announce its best candidates; when a candidate is
/// indexed, announce the open roles that fit. A (job version, candidate version) pair is
/// announced once: an unchanged resume submitted again does not ring twice.
/// </summary>
public sealed class ProactiveMatchingConsumer(MatchFinder finder, MatchingDbContext db, IOptions<MatchingOptions> options, TimeProvider clock) :
    IConsumer<JobIndexed>, IConsumer<CandidateIndexed>
{
    public async Task Consume(ConsumeContext<JobIndexed> context)
    {
        var m = context.Message;
        if (await db.AlreadyProcessedAsync(context, nameof(ProactiveMatchingConsumer), clock))
        {
            return;
        }

        var job = await finder.LoadAsync(m.TenantId, DocumentKind.Job, m.JobId, context.CancellationToken)
            ?? throw new ProfileNotYetStoredException(m.JobId);
        var weights = await finder.TenantWeightsAsync(m.TenantId, context.CancellationToken);
        var ranked = await finder.CandidatesForJobAsync(m.TenantId, job, weights, options.Value.NotifyTop, context.CancellationToken);
        var fresh = await AddNewPairsAsync(m.TenantId, ranked.Select(r => (Job: job, Candidate: r.Candidate, r.Result.Score)), context.CancellationToken);
        if (fresh.Count > 0)
        {
            await context.PublishFollowUp(new CandidatesMatchedToJob(m.JobId, m.TenantId,
                [.. fresh.Select(p => new CandidateMatch(p.CandidateId, p.Score))], clock.GetUtcNow()));
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<CandidateIndexed> context)
    {
        var m = context.Message;
        if (await db.AlreadyProcessedAsync(context, nameof(ProactiveMatchingConsumer), clock))
        {
            return;
        }

        var candidate = await finder.LoadAsync(m.TenantId, DocumentKind.Resume, m.CandidateId, context.CancellationToken)
            ?? throw new ProfileNotYetStoredException(m.CandidateId);
        var weights = await finder.TenantWeightsAsync(m.TenantId, context.CancellationToken);
        var ranked = await finder.JobsForCandidateAsync(m.TenantId, candidate, weights, options.Value.NotifyTop, context.CancellationToken);
        var fresh = await AddNewPairsAsync(m.TenantId, ranked.Select(r => (Job: r.Job, Candidate: candidate, r.Result.Score)), context.CancellationToken);
        if (fresh.Count > 0)
        {
            await context.PublishFollowUp(new RolesMatchedToCandidate(m.CandidateId, m.TenantId,
                [.. fresh.Select(p => new RoleMatch(p.JobId, p.Score))], clock.GetUtcNow()));
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }

    /// <summary>
    /// Keeps the pairs above the threshold not announced before and adds them to the change
    /// tracker. The caller publishes the announcement first and saves after: a crash in between
    /// repeats the work on redelivery and publishes the same event id again (receivers drop the
    /// repeat), where saving first would lose the announcement.
    /// </summary>
    private async Task<List<NotifiedPair>> AddNewPairsAsync(
        string tenantId, IEnumerable<(LoadedProfile Job, LoadedProfile Candidate, double Score)> pairs, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var fresh = new List<NotifiedPair>();
        foreach (var (job, candidate, score) in pairs.Where(p => p.Score >= options.Value.NotifyThreshold))
        {
            var seen = await db.NotifiedPairs.AnyAsync(p => p.TenantId == tenantId
                && p.JobId == job.Id && p.JobVersion == job.Version
                && p.CandidateId == candidate.Id && p.CandidateVersion == candidate.Version, cancellationToken);
            if (!seen)
            {
                fresh.Add(new NotifiedPair
                {
                    TenantId = tenantId,
                    JobId = job.Id,
                    JobVersion = job.Version,
                    CandidateId = candidate.Id,
                    CandidateVersion = candidate.Version,
                    Score = Math.Round(score, 4),
                    NotifiedAt = now,
                });
            }
        }

        // Two deliveries racing on the same pair: the primary key rejects the second save, the
        // bus retries it, and the retry finds the message processed.
        db.NotifiedPairs.AddRange(fresh);
        return fresh;
    }
}
