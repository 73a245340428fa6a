using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TalentMatch.Api.Persistence;
using TalentMatch.Contracts;

namespace TalentMatch.Api.Consumers;

/// <summary>
/// Follows the pipeline's events so that <c>GET /v1/candidates/{id}</c> and <c>/v1/jobs/{id}</c>
/// tell a client where its document is. Each handler is idempotent: the status only moves forward.
/// </summary>
public sealed class PipelineStatusConsumer(ApiDbContext db, ILogger<PipelineStatusConsumer> logger) :
    IConsumer<ResumeParsed>,
    IConsumer<JobParsed>,
    IConsumer<CandidateIndexed>,
    IConsumer<JobIndexed>,
    IConsumer<DocumentRejected>
{
    public Task Consume(ConsumeContext<ResumeParsed> context) =>
        Update(db.Candidates, context.Message.CandidateId, context.Message.TenantId, d => d.MarkParsed(context.Message.Skills), context.CancellationToken);

    public Task Consume(ConsumeContext<JobParsed> context) =>
        Update(db.Jobs, context.Message.JobId, context.Message.TenantId, d => d.MarkParsed(context.Message.Skills), context.CancellationToken);

    public Task Consume(ConsumeContext<CandidateIndexed> context) =>
        Update(db.Candidates, context.Message.CandidateId, context.Message.TenantId, d => d.MarkIndexed(context.Message.IndexedAt), context.CancellationToken);

    public Task Consume(ConsumeContext<JobIndexed> context) =>
        Update(db.Jobs, context.Message.JobId, context.Message.TenantId, d => d.MarkIndexed(context.Message.IndexedAt), context.CancellationToken);

    public Task Consume(ConsumeContext<DocumentRejected> context)
    {
        var m = context.Message;
        return m.Kind == DocumentKind.Resume
            ? Update(db.Candidates, m.DocumentId, m.TenantId, d => d.MarkRejected(m.Reason, m.Detail), context.CancellationToken)
            : Update(db.Jobs, m.DocumentId, m.TenantId, d => d.MarkRejected(m.Reason, m.Detail), context.CancellationToken);
    }

    private async Task Update<T>(DbSet<T> documents, Guid id, string tenantId, Action<T> change, CancellationToken cancellationToken)
        where T : TrackedDocument
    {
        var document = await documents.SingleOrDefaultAsync(d => d.Id == id && d.TenantId == tenantId, cancellationToken);
        if (document is null)
        {
            // Deleted meanwhile, or an event about another tenant's id: nothing of ours to update.
            logger.LogInformation("Pipeline event for unknown {Type} {Id} of tenant {Tenant} ignored", typeof(T).Name, id, tenantId);
            return;
        }

        change(document);
        await db.SaveChangesAsync(cancellationToken);
    }
}
