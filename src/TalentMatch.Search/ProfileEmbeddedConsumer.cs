using MassTransit;
using TalentMatch.Contracts;
using TalentMatch.SearchIndex;

namespace TalentMatch.Search;

/// <summary>Indexes every embedded profile and announces that it is searchable.</summary>
public sealed class ProfileEmbeddedConsumer(ISearchIndex index, TimeProvider clock) : IConsumer<ProfileEmbedded>, IConsumer<DocumentDeleted>
{
    public async Task Consume(ConsumeContext<ProfileEmbedded> context)
    {
        var m = context.Message;
        var profile = new IndexedProfile(m.DocumentId, m.Kind, m.Title, m.Text, [.. m.Skills.Select(s => s.Id)]);
        await index.IndexAsync(m.TenantId, profile, context.CancellationToken);

        var indexedAt = clock.GetUtcNow();
        object indexed = m.Kind == DocumentKind.Resume
            ? new CandidateIndexed(m.DocumentId, m.TenantId, indexedAt)
            : new JobIndexed(m.DocumentId, m.TenantId, indexedAt);
        await context.Publish(indexed, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<DocumentDeleted> context) =>
        index.DeleteAsync(context.Message.TenantId, context.Message.Kind, context.Message.DocumentId, context.CancellationToken);
}
