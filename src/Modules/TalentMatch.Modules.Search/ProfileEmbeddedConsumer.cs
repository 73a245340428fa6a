using MassTransit;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents;
using TalentMatch.Core.SearchIndex;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Search;

/// <summary>Indexes every embedded profile (text, skills, vector) and announces that it is searchable.</summary>
public sealed class ProfileEmbeddedConsumer(ISearchIndex index, TimeProvider clock) : IConsumer<ProfileEmbedded>, IConsumer<DocumentDeleted>
{
    public async Task Consume(ConsumeContext<ProfileEmbedded> context)
    {
        var m = context.Message;
        // A resume indexed again (an undo's re-run) keeps the duplicate group search was told; a first one has none until the api says.
        var previous = m.Kind == DocumentKind.Resume ? await index.GetAsync(m.TenantId, m.Kind, m.DocumentId, context.CancellationToken) : null;
        var profile = ToIndexedProfile(m, previous?.DuplicateGroup, context.CancellationToken);
        await index.IndexAsync(m.TenantId, profile, context.CancellationToken);

        var indexedAt = clock.GetUtcNow();
        object indexed = m.Kind == DocumentKind.Resume
            ? new CandidateIndexed(m.DocumentId, m.TenantId, indexedAt)
            : new JobIndexed(m.DocumentId, m.TenantId, indexedAt, m.Revision);
        await context.PublishFollowUp(indexed);
    }

    /// <summary>
    /// What the index keeps of an embedded profile: the consumer's mapping, public so that the ingestion benchmark's
    /// stage-only run indexes exactly what the service indexes.
    /// </summary>
    /// <param name="duplicateGroup">The duplicate group search was told for an earlier version (kept on re-indexing).</param>
    public static IndexedProfile ToIndexedProfile(ProfileEmbedded m, Guid? duplicateGroup, CancellationToken cancellationToken)
    {
        var facts = m.Facts;
        return new IndexedProfile(m.DocumentId, m.Kind, m.Title ?? facts?.Title, m.Text, [.. m.Skills.Select(s => s.Id).Distinct(StringComparer.Ordinal)])
        {
            Vector = m.Vector is { Length: > 0 } ? m.Vector : null,
            // What ingestion read from the document; a fact it could not read is left out, so a
            // filter on it does not match (rather than matching a guess).
            YearsOfExperience = facts?.YearsOfExperience,
            Employers = facts?.Employers ?? [],
            Location = facts?.Location,
            Remote = Enum.TryParse<WorkMode>(facts?.WorkArrangement, ignoreCase: true, out var mode) ? mode : null,
            Seniority = facts?.Seniority,
            Language = facts?.Language is "en" or "zh" ? facts.Language : null,
            Revision = m.Revision,
            DuplicateGroup = duplicateGroup,
            // Kept here, so that an anonymised search does not look for the identity in every hit's resume again: as
            // ingestion found it (carried on the message), or found here for a message from an older publisher.
            Identity = m.Kind == DocumentKind.Resume ? m.Identity ?? StoredIdentity.Find(m.Text, cancellationToken) : null,
        };
    }

    public async Task Consume(ConsumeContext<DocumentDeleted> context)
    {
        var m = context.Message;
        // The Lucene adapter expunges the deleted document from its segment files before it returns.
        await index.DeleteAsync(m.TenantId, m.Kind, m.DocumentId, context.CancellationToken);
        if (m.Erasure)
        {
            await context.Publish(new DocumentErased(m.DocumentId, m.TenantId, m.Kind, ServiceModules.Search, clock.GetUtcNow()), context.CancellationToken);
        }
    }
}
