using MassTransit;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Contracts;
using TalentMatch.Core.SearchIndex;
using TalentMatch.Modules.Matching.Persistence;
using TalentMatch.Platform.Messaging;

namespace TalentMatch.Modules.Matching.SavedSearches;

/// <summary>
/// Runs the tenant's saved searches against a candidate once the api shows it indexed (its announcement, ADR 0011: the
/// candidate is in the index by then, and a webhook never names a candidate the api does not show yet), and announces
/// the searches it matches in one <see cref="SavedSearchesMatched"/>. Each saved search runs as its candidate search
/// restricted to this one candidate (<see cref="SearchQuery.OnlyIds"/>): a filtered lookup, at most
/// <see cref="SavedSearchEndpoints.MaxPerTenant"/> of them per candidate, instead of a search of the whole index.
/// A (saved search, candidate) pair is announced once: the alert row's key refuses a second, whatever message brings the
/// candidate again (a redelivery, a merge undone).
/// </summary>
public sealed class SavedSearchAlertConsumer(MatchingDbContext db, ISearchIndex index, TimeProvider clock) : IConsumer<CandidateIndexedAnnounced>
{
    public async Task Consume(ConsumeContext<CandidateIndexedAnnounced> context)
    {
        var m = context.Message;
        var cancellationToken = context.CancellationToken;
        var searches = await db.SavedSearches.AsNoTracking().Where(s => s.TenantId == m.TenantId).ToListAsync(cancellationToken);
        if (searches.Count == 0 || await db.AlreadyProcessedAsync(context, nameof(SavedSearchAlertConsumer), clock))
        {
            return;
        }

        var alerted = await db.SavedSearchAlerts.AsNoTracking()
            .Where(a => a.TenantId == m.TenantId && a.CandidateId == m.CandidateId)
            .Select(a => a.SavedSearchId)
            .ToListAsync(cancellationToken);
        var matched = new List<SavedSearch>();
        foreach (var search in searches.Where(s => !alerted.Contains(s.Id)).OrderBy(s => s.Id))
        {
            // Valid when saved; a skill the taxonomy has since dropped makes it match nothing rather than fail the message.
            if (search.ReadDefinition().ToQuery(out _) is not { } query)
            {
                continue;
            }

            var found = await index.SearchAsync(m.TenantId, query with { OnlyIds = [m.CandidateId], Limit = 1, IdsOnly = true }, cancellationToken);
            if (found.Hits.Count > 0)
            {
                matched.Add(search);
            }
        }

        var now = clock.GetUtcNow();
        if (matched.Count > 0)
        {
            db.SavedSearchAlerts.AddRange(matched.Select(s => new SavedSearchAlert
            {
                TenantId = m.TenantId, SavedSearchId = s.Id, CandidateId = m.CandidateId, MatchedAt = now, MatchedAtMs = now.ToUnixTimeMilliseconds(),
            }));

            // Published before the save (as proactive matching does): a crash in between repeats the work on redelivery and
            // publishes the same follow-up id again, which notifications drops; saving first could lose the announcement.
            await context.PublishFollowUp(new SavedSearchesMatched(m.CandidateId, m.TenantId,
                [.. matched.Select(s => new SavedSearchMatch(s.Id, s.Name))], now));
        }

        // Two copies at once: the alert key (or the processed key) refuses the second save, the bus retries it, and the
        // retry finds the message processed.
        await db.SaveChangesAsync(cancellationToken);
    }
}
