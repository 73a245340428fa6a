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

/// <summary>Candidates that are the same person as this one.</summary>
/// <param name="Duplicates">Their ids, of the same tenant: 1 to 20, not this candidate's own.</param>
/// <param name="Keep">Which candidate stays, with its id, profile and place in search and matching: <c>newest</c> (the default) or one of the merged ids.</param>
public sealed record MergeRequest(IReadOnlyList<Guid>? Duplicates, string? Keep = null);

/// <summary>A merge: <c>CandidateId</c> is the candidate that stays; <c>MergedIds</c> became its versions.</summary>
public sealed record MergeResponse(Guid MergeId, Guid CandidateId, IReadOnlyList<Guid> MergedIds, DateTimeOffset MergedAt, DateTimeOffset UndoUntil, DateTimeOffset? UndoneAt);

/// <summary>
/// <c>POST /v1/candidates/{id}/merge</c>: this candidate and its duplicates become one candidate, the
/// kept one, which holds every submission as a version (<c>GET …/versions</c>). The others leave lists,
/// search and matching (<c>DocumentDeleted</c> without erasure: the index and the profile store drop
/// them, their text stays here); <c>candidates.merged</c> is announced. Undoable for
/// <c>TalentMatch:Api:MergeUndoWindow</c>.
/// </summary>
internal static class MergeCandidates
{
    public static void Map(RouteGroupBuilder candidates) =>
        candidates.MapPost("/{id:guid}/merge", HandleAsync).WithName("MergeCandidates").RequireScope(Scopes.CandidatesWrite).WithIdempotency()
            .WithSummary("Merge duplicate candidates into one that keeps every submission as a version")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Results<Ok<MergeResponse>, ProblemHttpResult>> HandleAsync(
        Guid id, MergeRequest request, [AsParameters] DocumentServices services, CancellationToken cancellationToken)
    {
        if (MergePlan.Refusal(id, request.Duplicates, request.Keep) is { } refusal)
        {
            return Problems.InvalidField(refusal);
        }

        var db = services.Db;
        var tenant = services.Tenant.Id;
        List<Guid> ids = [id, .. request.Duplicates!];
        var named = await db.Candidates
            .Where(c => c.TenantId == tenant && ids.Contains(c.Id) && c.Status != PipelineStatus.Deleted).ToListAsync(cancellationToken);
        if (ids.FirstOrDefault(i => named.All(c => c.Id != i)) is var missing && missing != Guid.Empty)
        {
            return Problems.NotFound("candidate", missing); // another tenant's id too
        }

        if (named.FirstOrDefault(c => c.MergedIntoId is not null) is { } version)
        {
            return Problems.MergeConflict($"Candidate {version.Id} is already a version of candidate {version.MergedIntoId}: merge that one.");
        }

        // Only an indexed candidate is surely in search and matching, so that taking it out is final.
        if (named.FirstOrDefault(c => c.Status != PipelineStatus.Indexed) is { } unsettled)
        {
            return Problems.MergeConflict($"Candidate {unsettled.Id} is {unsettled.Status.ToString().ToLowerInvariant()}: only indexed candidates are merged.");
        }

        var keptId = MergePlan.Kept([.. named.Select(c => new MergeCandidate(c.Id, c.SubmittedAt))], request.Keep);
        var others = named.Where(c => c.Id != keptId).Select(c => c.Id).ToList();
        // Versions of a merged candidate move with it to the kept one.
        var versions = await db.Candidates
            .Where(c => c.TenantId == tenant && c.MergedIntoId != null && others.Contains(c.MergedIntoId.Value) && c.Status != PipelineStatus.Deleted)
            .ToListAsync(cancellationToken);
        var now = services.Clock.GetUtcNow();
        var merge = new CandidateMerge
        {
            Id = Guid.CreateVersion7(now), TenantId = tenant, SurvivorId = keptId, MergedAt = now,
            UndoUntil = now + services.Options.Value.MergeUndoWindow,
        };
        foreach (var moved in named.Where(c => c.Id != keptId).Concat(versions))
        {
            merge.Members.Add(new MergedMember(moved.Id, moved.MergedIntoId));
            moved.MergedIntoId = keptId;
            moved.Version++;
        }

        named.Single(c => c.Id == keptId).Version++; // its versions are part of what a client reads
        db.CandidateMerges.Add(merge);
        foreach (var hidden in others)
        {
            services.Db.Outbox.Add(OutboxMessage.For(new DocumentDeleted(hidden, tenant, DocumentKind.Resume), services.Clock));
        }

        var response = Response(merge);
        db.Outbox.Add(OutboxMessage.For(new CandidatesMerged(merge.Id, tenant, keptId, response.MergedIds, now, merge.UndoUntil), services.Clock));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.MergeConflict("One of the candidates changed while it was being merged (another merge or a delete): read them again and retry.");
        }

        // After the commit (the groups are read from committed candidates): search hears of the group the kept
        // candidate now stands for. Should this second save fail, the next change to the group tells it.
        if (await DuplicateGroups.StageAsync(db, tenant, [keptId], services.Clock, cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        services.Outbox.Notify();
        return TypedResults.Ok(response);
    }

    internal static MergeResponse Response(CandidateMerge merge) =>
        new(merge.Id, merge.SurvivorId, [.. merge.Members.Select(m => m.Id)], merge.MergedAt, merge.UndoUntil, merge.UndoneAt);
}
