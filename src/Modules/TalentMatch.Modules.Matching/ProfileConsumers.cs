using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TalentMatch.Contracts;
using TalentMatch.Modules.Matching.Audit;
using TalentMatch.Modules.Matching.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Matching;

/// <summary>
/// Keeps matching's copy of every profile current and forgets it with the document; and proactive matching: when a
/// job's profile arrives, announce its best candidates; when a candidate's arrives, the open roles that fit. Both in one
/// consumer and one transaction (profile, processed key, announced pairs), because matching needs the stored profile:
/// driven by <c>CandidateIndexed</c>/<c>JobIndexed</c> it raced the profile's own <see cref="ProfileEmbedded"/> and
/// leaned on retries. A (job version, candidate version) pair is announced once: an unchanged resume submitted again
/// does not ring twice. What is announced is recorded in the audit trail in the same transaction.
/// </summary>
public sealed class ProfileStoreConsumer(MatchingDbContext db, MatchFinder finder, AuditTrail audit, IOptions<MatchingOptions> options, TimeProvider clock,
    JobPayloadCache jobPayloads) :
    IConsumer<ProfileEmbedded>, IConsumer<DocumentDeleted>
{
    public async Task Consume(ConsumeContext<ProfileEmbedded> context)
    {
        var m = context.Message;
        if (await db.AlreadyProcessedAsync(context, nameof(ProfileStoreConsumer), clock))
        {
            return;
        }

        var payload = ProfilePayload.From(m);
        var json = payload.ToJson();
        var stored = await db.Profiles.SingleOrDefaultAsync(
            p => p.TenantId == m.TenantId && p.Kind == m.Kind && p.Id == m.DocumentId, context.CancellationToken);
        if (stored is null)
        {
            stored = new StoredProfile { TenantId = m.TenantId, Kind = m.Kind, Id = m.DocumentId, Version = "", Payload = "" };
            db.Profiles.Add(stored);
        }
        else if (stored.Revision > m.Revision)
        {
            // A late redelivery of older content: keep the newer profile (the key still commits), announce nothing.
            await db.SaveChangesAsync(context.CancellationToken);
            return;
        }

        stored.Revision = m.Revision;
        stored.Payload = json;
        stored.Version = ProfilePayload.VersionOf(json);
        stored.Model = m.Model;
        stored.Identity = AnonymisedMatches.FindIdentity(m, context.CancellationToken);
        stored.UpdatedAt = clock.GetUtcNow();
        if (m.Kind == DocumentKind.Job)
        {
            // Every resume indexed from now on is matched against this version (used only once the database names it).
            jobPayloads.Set(m.TenantId, m.DocumentId, stored.Version, payload);
        }

        var profile = new LoadedProfile(m.DocumentId, stored.Version, payload, m.Revision, m.Model, stored.Identity);
        var announced = await (m.Kind == DocumentKind.Job
            ? AnnounceCandidatesAsync(context, m.TenantId, profile)
            : AnnounceRolesAsync(context, m.TenantId, profile));
        await audit.SaveAsync(m.TenantId, announced, context.CancellationToken);
    }

    /// <returns>The audit entry of the announced pairs; null when nothing new was announced.</returns>
    private async Task<AuditEntry?> AnnounceCandidatesAsync(ConsumeContext context, string tenantId, LoadedProfile job)
    {
        var weights = await finder.TenantWeightsAsync(tenantId, context.CancellationToken);
        var ranked = await finder.CandidatesForJobAsync(tenantId, job, weights, options.Value.NotifyTop, options.Value.NotifyThreshold, context.CancellationToken);
        var fresh = await AddNewPairsAsync(tenantId, ranked.Select(r => (Job: job, Candidate: r.Candidate, r.Result.Score)), context.CancellationToken);
        if (fresh.Count == 0)
        {
            return null;
        }

        await context.PublishFollowUp(new CandidatesMatchedToJob(job.Id, tenantId,
            [.. fresh.Select(p => new CandidateMatch(p.CandidateId, p.Score))], clock.GetUtcNow()));
        var rows = ranked.Where(r => fresh.Any(p => p.CandidateId == r.Candidate.Id)).Select(r => new AuditScore(r.Candidate, job, r.Result));
        return Entry(AuditOperations.ProactiveCandidates, job, DocumentKind.Job, weights, rows);
    }

    private async Task<AuditEntry?> AnnounceRolesAsync(ConsumeContext context, string tenantId, LoadedProfile candidate)
    {
        var weights = await finder.TenantWeightsAsync(tenantId, context.CancellationToken);
        var ranked = await finder.JobsForCandidateAsync(tenantId, candidate, weights, options.Value.NotifyTop, options.Value.NotifyThreshold, context.CancellationToken);
        var fresh = await AddNewPairsAsync(tenantId, ranked.Select(r => (Job: r.Job, Candidate: candidate, r.Result.Score)), context.CancellationToken);
        if (fresh.Count == 0)
        {
            return null;
        }

        await context.PublishFollowUp(new RolesMatchedToCandidate(candidate.Id, tenantId,
            [.. fresh.Select(p => new RoleMatch(p.JobId, p.Score))], clock.GetUtcNow()));
        var rows = ranked.Where(r => fresh.Any(p => p.JobId == r.Job.Id)).Select(r => new AuditScore(candidate, r.Job, r.Result));
        return Entry(AuditOperations.ProactiveRoles, candidate, DocumentKind.Resume, weights, rows);
    }

    private AuditEntry Entry(string operation, LoadedProfile subject, DocumentKind kind, Core.Matching.MatchWeights weights, IEnumerable<AuditScore> rows) =>
        new(operation, KeyId: null, subject, kind, weights, [.. rows], options.Value.NotifyTop, Threshold: options.Value.NotifyThreshold);

    public async Task Consume(ConsumeContext<DocumentDeleted> context)
    {
        var m = context.Message;
        // A resume's skills and evidence are personal data: nothing of it stays here.
        if (m.Kind == DocumentKind.Job)
        {
            jobPayloads.Remove(m.TenantId, m.DocumentId);
        }

        await db.Profiles.Where(p => p.TenantId == m.TenantId && p.Kind == m.Kind && p.Id == m.DocumentId)
            .ExecuteDeleteAsync(context.CancellationToken);
        await (m.Kind == DocumentKind.Resume
                ? db.NotifiedPairs.Where(p => p.TenantId == m.TenantId && p.CandidateId == m.DocumentId)
                : db.NotifiedPairs.Where(p => p.TenantId == m.TenantId && p.JobId == m.DocumentId))
            .ExecuteDeleteAsync(context.CancellationToken);
        if (m.Erasure)
        {
            // Self-identified categories exist for audits of this candidate only: they go with the candidate. (A candidate
            // merged into another is hidden without erasure, and keeps them for an undo.)
            await db.Demographics.Where(d => d.TenantId == m.TenantId && d.CandidateId == m.DocumentId).ExecuteDeleteAsync(context.CancellationToken);
            await db.SavedSearchAlerts.Where(a => a.TenantId == m.TenantId && a.CandidateId == m.DocumentId).ExecuteDeleteAsync(context.CancellationToken);

            // A closed job keeps its records; an erased document takes its part of the audit trail with it (ADR 0012).
            await audit.EraseAsync(m.TenantId, m.Kind, m.DocumentId, context.CancellationToken);
            await context.Publish(new DocumentErased(m.DocumentId, m.TenantId, m.Kind, ServiceModules.Matching, clock.GetUtcNow()), context.CancellationToken);
        }
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
