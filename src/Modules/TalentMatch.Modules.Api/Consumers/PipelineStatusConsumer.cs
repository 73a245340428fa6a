using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Api.Consumers;

/// <summary>
/// Follows the pipeline's events so that <c>GET /v1/candidates/{id}</c> and <c>/v1/jobs/{id}</c>
/// tell a client where its document is. Each handler is idempotent: the status only moves forward.
/// </summary>
public sealed class PipelineStatusConsumer(ApiDbContext db, TimeProvider clock, TalentMatchMetrics metrics, ILogger<PipelineStatusConsumer> logger) :
    IConsumer<ResumeParsed>,
    IConsumer<JobParsed>,
    IConsumer<CandidateIndexed>,
    IConsumer<JobIndexed>,
    IConsumer<DocumentRejected>
{
    public Task Consume(ConsumeContext<ResumeParsed> context) =>
        Update(db.Candidates, context.Message.CandidateId, context.Message.TenantId, d => d.MarkParsed(context.Message.Skills, context.Message.Text), context);

    public Task Consume(ConsumeContext<JobParsed> context) =>
        Update(db.Jobs, context.Message.JobId, context.Message.TenantId, job =>
        {
            if (job.Revision == context.Message.Revision)
            {
                job.MarkParsed(context.Message.Skills, context.Message.Text, context.Message.Facts?.Compensation);
            }
        }, context);

    public async Task Consume(ConsumeContext<CandidateIndexed> context)
    {
        var m = context.Message;
        TimeSpan? latency = null;
        await Update(db.Candidates, m.CandidateId, m.TenantId, candidate =>
        {
            latency = FirstIndexing(candidate, m.IndexedAt);
            candidate.MarkIndexed(m.IndexedAt);
            // Deleted while it was in the pipeline: the index must forget it again.
            return candidate.IsDeleted ? new DocumentDeleted(m.CandidateId, m.TenantId, DocumentKind.Resume, Erasure: true) : null;
        }, context);
        if (latency is { } value)
        {
            metrics.PipelineCompleted(DocumentKind.Resume, value); // after the save: a retried save counts once
        }
    }

    public async Task Consume(ConsumeContext<JobIndexed> context)
    {
        var m = context.Message;
        TimeSpan? latency = null;
        await Update(db.Jobs, m.JobId, m.TenantId, job =>
        {
            if (job.Revision != m.Revision)
            {
                return null; // about content the job no longer has; its own revision is on its way
            }

            latency = FirstIndexing(job, m.IndexedAt);
            job.MarkIndexed(m.IndexedAt);
            // Deleted or closed while it was in the pipeline: keep it out of search.
            return job.IsOpen ? null : new DocumentDeleted(m.JobId, m.TenantId, DocumentKind.Job, Erasure: job.IsDeleted);
        }, context);
        if (latency is { } value)
        {
            metrics.PipelineCompleted(DocumentKind.Job, value);
        }
    }

    /// <summary>
    /// Submission to searchable, when this event is what makes the document searchable the first
    /// time: not for a redelivery, and not for a replaced job (SubmittedAt is its first revision's).
    /// </summary>
    private static TimeSpan? FirstIndexing(TrackedDocument document, DateTimeOffset indexedAt) =>
        document.Status is PipelineStatus.Processing or PipelineStatus.Parsed && document.Revision == 0
            ? indexedAt - document.SubmittedAt
            : null;

    public Task Consume(ConsumeContext<DocumentRejected> context)
    {
        var m = context.Message;
        return m.Kind == DocumentKind.Resume
            ? Update(db.Candidates, m.DocumentId, m.TenantId, d => d.MarkRejected(m.Reason, m.Detail), context)
            : Update(db.Jobs, m.DocumentId, m.TenantId, d => d.MarkRejected(m.Reason, m.Detail), context);
    }

    private Task Update<T>(DbSet<T> documents, Guid id, string tenantId, Action<T> change, ConsumeContext context)
        where T : TrackedDocument =>
        Update(documents, id, tenantId, document =>
        {
            change(document);
            return null;
        }, context);

    /// <param name="change">Applies the event; returns a follow-up event to publish after saving, if any.</param>
    private async Task Update<T>(DbSet<T> documents, Guid id, string tenantId, Func<T, object?> change, ConsumeContext context)
        where T : TrackedDocument
    {
        var document = await documents.SingleOrDefaultAsync(d => d.Id == id && d.TenantId == tenantId, context.CancellationToken);
        if (document is null)
        {
            // Deleted meanwhile, or an event about another tenant's id: nothing of ours to update.
            logger.LogInformation("Pipeline event for unknown {Type} {Id} of tenant {Tenant} ignored", typeof(T).Name, id, tenantId);
            return;
        }

        if (await db.AlreadyProcessedAsync(context, nameof(PipelineStatusConsumer), clock))
        {
            return;
        }

        // Publish, then save: a crash in between repeats both on redelivery, under the same
        // follow-up event id; saving first would lose the follow-up.
        var followUp = change(document);
        if (followUp is not null)
        {
            await context.PublishFollowUp(followUp);
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }
}
