using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Duplicates;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Candidates;

/// <summary>
/// <c>POST /v1/candidates/{id}/merge/undo</c>: undoes the latest merge into this (kept) candidate
/// within the undo window. Each merged candidate is what it was before: a candidate of its own again
/// (its resume goes through the pipeline once more, back into search and matching) or a version of
/// the candidate it was a version of. <c>candidates.unmerged</c> is announced. Refused (409) when the
/// window has passed or a later merge moved one of them: undo that one first.
/// </summary>
internal static class UndoMerge
{
    public static void Map(RouteGroupBuilder candidates) =>
        candidates.MapPost("/{id:guid}/merge/undo", HandleAsync).WithName("UndoCandidateMerge").RequireScope(Scopes.CandidatesWrite).WithIdempotency()
            .WithSummary("Undo the latest merge into a candidate, within the undo window")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Results<Ok<MergeResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, [AsParameters] DocumentServices services, CancellationToken cancellationToken)
    {
        var db = services.Db;
        var tenant = services.Tenant.Id;
        var kept = await DocumentQueries.FindLiveAsync(db.Candidates, services.Tenant, id, cancellationToken);
        if (kept is null)
        {
            return Problems.NotFound("candidate", id);
        }

        var merge = await db.CandidateMerges.Where(m => m.TenantId == tenant && m.SurvivorId == id && m.UndoneAt == null)
            .OrderByDescending(m => m.Id).FirstOrDefaultAsync(cancellationToken);
        if (merge is null)
        {
            return Problems.UndoUnavailable($"Nothing was merged into candidate {id}, or every merge into it is undone already.");
        }

        var now = services.Clock.GetUtcNow();
        if (now > merge.UndoUntil)
        {
            return Problems.UndoUnavailable($"The merge {merge.Id} could be undone until {merge.UndoUntil:O}.");
        }

        var memberIds = merge.Members.Select(m => m.Id).ToList();
        var members = await db.Candidates.Where(c => c.TenantId == tenant && memberIds.Contains(c.Id) && c.Status != PipelineStatus.Deleted)
            .ToListAsync(cancellationToken);
        if (kept.MergedIntoId is not null || members.Count != memberIds.Count || members.Any(c => c.MergedIntoId != id))
        {
            return Problems.UndoUnavailable($"A later merge moved candidates of merge {merge.Id}: undo that merge first.");
        }

        foreach (var member in members)
        {
            member.MergedIntoId = merge.Members.Single(m => m.Id == member.Id).PreviousMergedIntoId;
            member.Version++;
            if (member.MergedIntoId is null)
            {
                // Back through the pipeline from its text (an upload's text is what ingestion read), as when it was submitted.
                db.Outbox.Add(OutboxMessage.For(new ResumeSubmitted(member.Id, tenant, member.Text, member.SubmittedAt), services.Clock));
            }
        }

        kept.Version++;
        merge.UndoneAt = now;
        var restored = members.Where(c => c.MergedIntoId is null).Select(c => c.Id).ToList();
        db.Outbox.Add(OutboxMessage.For(new CandidatesMergeUndone(merge.Id, tenant, id, restored, now), services.Clock));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.UndoUnavailable("One of the candidates changed while the merge was being undone: read them again and retry.");
        }

        // After the commit (the groups are read from committed candidates): search hears of the group the kept
        // candidate now stands for. Should this second save fail, the next change to the group tells it.
        if (await DuplicateGroups.StageAsync(db, tenant, [id], services.Clock, cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        services.Outbox.Notify();
        return TypedResults.Ok(MergeCandidates.Response(merge));
    }
}
