using MassTransit;
using Microsoft.Extensions.AI;
using TalentMatch.Contracts;
using TalentMatch.Core.Embeddings;
using TalentMatch.Platform.Messaging;

namespace TalentMatch.Modules.Embedding;

/// <summary>
/// Embeds each parsed resume and job. What goes into the vector (canonical English skill names,
/// the title, the English prose) is decided by <see cref="ProfileEmbeddingText"/>: see
/// docs/adr/0002-what-a-profile-vector-is-made-of.md.
/// </summary>
public sealed class ProfileParsedConsumer(IEmbeddingGenerator<string, Embedding<float>> generator) :
    IConsumer<ResumeParsed>, IConsumer<JobParsed>
{
    public Task Consume(ConsumeContext<ResumeParsed> context)
    {
        var m = context.Message;
        return EmbedAndPublish(context, m.CandidateId, m.TenantId, DocumentKind.Resume, null, m.Text, m.Skills, m.Facts, m.Revision, m.Identity);
    }

    public Task Consume(ConsumeContext<JobParsed> context)
    {
        var m = context.Message;
        return EmbedAndPublish(context, m.JobId, m.TenantId, DocumentKind.Job, m.Title, m.Text, m.Skills, m.Facts, m.Revision, identity: null);
    }

    private async Task EmbedAndPublish(ConsumeContext context, Guid id, string tenantId, DocumentKind kind,
        string? title, string text, IReadOnlyList<ExtractedSkill> skills, ProfileFacts? facts, int revision, string? identity)
    {
        var input = EmbeddingInput(kind, title, text, skills, facts, context.CancellationToken);
        var embedding = await generator.GenerateAsync(input, cancellationToken: context.CancellationToken);
        var model = embedding.ModelId ?? generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "unknown";
        await context.PublishFollowUp(new ProfileEmbedded(id, tenantId, kind, title, text, skills, embedding.Vector.ToArray(), model, facts, revision, identity));
    }

    /// <summary>
    /// The text a profile's vector is made from (public so that the ingestion benchmark's stage-only run embeds the same).
    /// A resume has no title field: its current title (parsed) plays that part in the vector.
    /// </summary>
    public static string EmbeddingInput(DocumentKind kind, string? title, string text, IReadOnlyList<ExtractedSkill> skills, ProfileFacts? facts,
        CancellationToken cancellationToken) =>
        kind == DocumentKind.Resume
            ? ProfileEmbeddingText.BuildForResume(title ?? facts?.Title, skills.Select(s => s.Name), text, cancellationToken)
            : ProfileEmbeddingText.Build(title ?? facts?.Title, skills.Select(s => s.Name), text);
}
