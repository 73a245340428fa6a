using MassTransit;
using TalentMatch.Contracts;
using TalentMatch.Core.SearchIndex;

namespace TalentMatch.Modules.Search;

/// <summary>
/// Keeps each indexed resume's suspected-duplicate group as the api last stated it, for <c>collapse=duplicates</c>
/// (search's and matching's lists). A candidate not indexed yet is skipped: the api states its group again once
/// it reads as indexed. Applying a statement twice changes nothing, so redelivery needs no processed-message key.
/// </summary>
public sealed class DuplicateGroupsConsumer(ISearchIndex index) : IConsumer<DuplicateGroupsChanged>
{
    /// <summary>Assignments applied per message at most (the api sends a few groups of at most a hundred).</summary>
    public const int MaxAssignments = 1000;

    public async Task Consume(ConsumeContext<DuplicateGroupsChanged> context)
    {
        var m = context.Message;
        foreach (var assignment in m.Assignments.Take(MaxAssignments))
        {
            var profile = await index.GetAsync(m.TenantId, DocumentKind.Resume, assignment.CandidateId, context.CancellationToken);
            if (profile is not null && profile.DuplicateGroup != assignment.GroupId)
            {
                // Re-indexed at its own revision: replaces it, a newer revision meanwhile is never overwritten, and a delete
                // meanwhile (an erasure) is not undone.
                await index.IndexAsync(m.TenantId, profile with { DuplicateGroup = assignment.GroupId, ReplaceOnly = true }, context.CancellationToken);
            }
        }
    }
}
