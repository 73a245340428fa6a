using Microsoft.EntityFrameworkCore;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Access;
using TalentMatch.Modules.Api.Duplicates;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Persistence;

namespace TalentMatch.Modules.Api.Lifecycle;

/// <summary>
/// The one erasure path: <c>DELETE /v1/candidates/{id}</c> and <c>/v1/jobs/{id}</c> and the retention
/// sweep all go through it, so a document that expires is erased exactly as one its tenant deleted.
/// In one transaction the api service's own copies go (text, skills, file name and consent record in
/// the tombstone; a submission not yet sent from the outbox; the idempotency record's response; a
/// resume's duplicate fingerprint, lookup keys and suspected pairs, the recruiter's decisions included; every version of a
/// merged candidate; its portal links) and
/// <c>DocumentDeleted</c> asks every other service to erase theirs. They confirm with
/// <c>DocumentErased</c>: the receipt at <c>GET …/{id}/erasure</c> (docs/privacy.md).
/// </summary>
public sealed class DocumentEraser(IdempotencyStore idempotency, IBlobStore blobs, OutboxSignal outbox, TimeProvider clock)
{
    private static readonly string DeletedType = typeof(DocumentDeleted).FullName!;

    /// <summary>
    /// Erases a live document of <paramref name="db"/>'s tracked set and commits. A merged candidate is
    /// one person: erasing it, or any of its versions, erases every version, each with its own receipt,
    /// and the records of the merges into it.
    /// </summary>
    /// <param name="versionOnly">
    /// Retention: a version that expired alone goes alone; the kept one still takes every version (none is left behind it).
    /// </param>
    public async Task EraseAsync(ApiDbContext db, TrackedDocument document, DocumentKind kind, CancellationToken cancellationToken, bool versionOnly = false)
    {
        List<TrackedDocument> erased = [document];
        if (document is Candidate candidate && !(versionOnly && candidate.MergedIntoId is not null))
        {
            var keptId = candidate.MergedIntoId ?? candidate.Id;
            erased = [.. await CandidateVersions.Of(db, document.TenantId, keptId).ToListAsync(cancellationToken)];
            db.CandidateMerges.RemoveRange(await db.CandidateMerges
                .Where(m => m.TenantId == document.TenantId && m.SurvivorId == keptId).ToListAsync(cancellationToken));
        }

        // The candidates it was suspected to duplicate may now be alone, or in smaller groups, in search.
        var erasedIds = erased.Select(e => e.Id).ToList();
        var neighbours = kind == DocumentKind.Resume
            ? await db.DuplicatePairs.Where(p => p.TenantId == document.TenantId && (erasedIds.Contains(p.FirstId) || erasedIds.Contains(p.SecondId)))
                .Select(p => erasedIds.Contains(p.FirstId) ? p.SecondId : p.FirstId).Distinct().ToListAsync(cancellationToken)
            : [];
        foreach (var each in erased)
        {
            await StageAsync(db, each, kind, cancellationToken);
        }

        await DuplicateGroups.StageAsync(db, document.TenantId, neighbours.Except(erasedIds), clock, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var each in erased)
        {
            // After the commit: should this fail, the tombstone stands and ingestion finds no document to read.
            await blobs.DeleteAsync(each.TenantId, each.Id, cancellationToken);
        }

        outbox.Notify();
    }

    private async Task StageAsync(ApiDbContext db, TrackedDocument document, DocumentKind kind, CancellationToken cancellationToken)
    {
        var id = document.Id;
        document.MarkDeleted(clock.GetUtcNow());
        await idempotency.EraseForAsync(db, document.TenantId, id, cancellationToken);
        if (kind == DocumentKind.Resume)
        {
            await DuplicateDetector.ForgetAsync(db, document.TenantId, id, cancellationToken);
            // The candidate's portal links stop opening with the commit, and nothing of them is kept.
            db.PortalLinks.RemoveRange(await db.PortalLinks.Where(l => l.TenantId == document.TenantId && l.CandidateId == id).ToListAsync(cancellationToken));
            db.CandidateReveals.RemoveRange(await db.CandidateReveals.Where(r => r.TenantId == document.TenantId && r.CandidateId == id).ToListAsync(cancellationToken));
        }
        // A submission still waiting in the outbox carries the text or the file: it is not sent.
        // (A sent row is already gone: the dispatcher deletes each row as it publishes it.)
        var unsent = await db.Outbox
            .Where(m => m.SentAtMs == null && m.MessageType != DeletedType && m.Payload.Contains(id.ToString("D")))
            .ToListAsync(cancellationToken);
        db.Outbox.RemoveRange(unsent);
        db.Outbox.Add(OutboxMessage.For(new DocumentDeleted(id, document.TenantId, kind, Erasure: true), clock));
    }
}
