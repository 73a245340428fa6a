using Microsoft.EntityFrameworkCore;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Messaging;

namespace TalentMatch.Modules.Api.Duplicates;

/// <summary>
/// The suspected-duplicate groups that search and matching collapse (<c>collapse=duplicates</c>): the
/// candidates connected by suggested pairs (at or above the tenant's threshold, not dismissed), a
/// merged-away submission standing for the candidate it was merged into. The api owns the pairs; search
/// holds each candidate's group id in its index, told by <see cref="DuplicateGroupsChanged"/> from the
/// outbox, staged on the caller's context so it commits with the change that moved the groups.
/// </summary>
internal static class DuplicateGroups
{
    /// <summary>Submissions walked per group at most: a key shared by a crowd (an agency's template) must not make one endless group.</summary>
    public const int MaxMembers = 100;

    /// <summary>
    /// Stages the current group of every candidate connected to <paramref name="candidateIds"/>. With
    /// <paramref name="evenAlone"/> false a candidate alone in its group is not announced (search takes a
    /// document without a group as alone): the pipeline's case, where most resumes have no duplicate.
    /// </summary>
    /// <returns>Whether a message was staged (the caller wakes the outbox after the commit).</returns>
    public static async Task<bool> StageAsync(
        ApiDbContext db, string tenantId, IEnumerable<Guid> candidateIds, TimeProvider clock, CancellationToken cancellationToken, bool evenAlone = true)
    {
        var threshold = await DuplicateThresholds.OfAsync(db, tenantId, cancellationToken);
        var assignments = new List<DuplicateGroupAssignment>();
        var done = new HashSet<Guid>();
        foreach (var id in candidateIds)
        {
            if (done.Contains(id))
            {
                continue;
            }

            var (walked, members) = await GroupOfAsync(db, tenantId, id, threshold, cancellationToken);
            done.UnionWith(walked);
            if (members.Count == 0 || (members.Count == 1 && !evenAlone))
            {
                continue;
            }

            var groupId = members.Min();
            assignments.AddRange(members.Order().Select(m => new DuplicateGroupAssignment(m, groupId)));
        }

        if (assignments.Count == 0)
        {
            return false;
        }

        db.Outbox.Add(OutboxMessage.For(new DuplicateGroupsChanged(tenantId, assignments, clock.GetUtcNow()), clock));
        return true;
    }

    /// <summary>
    /// Every submission reached from <paramref name="start"/> (<c>Walked</c>) and the live candidates they
    /// stand for (<c>Members</c>: a merged-away one stands for the one it was merged into; erased ones are
    /// left out). Reads the pairs this context has staged too (detection's new pairs, a dismissal, an erasure).
    /// </summary>
    private static async Task<(HashSet<Guid> Walked, HashSet<Guid> Members)> GroupOfAsync(
        ApiDbContext db, string tenantId, Guid start, double threshold, CancellationToken cancellationToken)
    {
        var walked = new HashSet<Guid> { start };
        var members = new HashSet<Guid>();
        var frontier = new List<Guid> { start };
        while (frontier.Count > 0 && walked.Count <= MaxMembers)
        {
            var stored = await db.DuplicatePairs
                .Where(p => p.TenantId == tenantId && (frontier.Contains(p.FirstId) || frontier.Contains(p.SecondId)))
                .ToListAsync(cancellationToken);
            var pairs = stored.Concat(db.DuplicatePairs.Local.Where(p => p.TenantId == tenantId && (frontier.Contains(p.FirstId) || frontier.Contains(p.SecondId))))
                .Where(p => db.Entry(p).State != EntityState.Deleted && p.DismissedAt is null && p.Score >= threshold)
                .Distinct();
            var candidates = await db.Candidates.AsNoTracking()
                .Where(c => c.TenantId == tenantId && (frontier.Contains(c.Id) || (c.MergedIntoId != null && frontier.Contains(c.MergedIntoId.Value))))
                .Select(c => new { c.Id, c.MergedIntoId, c.Status })
                .ToListAsync(cancellationToken);
            var next = new List<Guid>();
            foreach (var c in candidates.Where(c => c.Status != PipelineStatus.Deleted))
            {
                if (frontier.Contains(c.Id))
                {
                    members.Add(c.MergedIntoId ?? c.Id);
                }

                // The versions of one merged candidate are one person: reach each from the others.
                next.AddRange(new[] { c.Id, c.MergedIntoId ?? c.Id });
            }

            next.AddRange(pairs.Select(p => frontier.Contains(p.FirstId) ? p.SecondId : p.FirstId));
            frontier = [.. next.Distinct().Where(walked.Add)];
        }

        return (walked, members);
    }
}
