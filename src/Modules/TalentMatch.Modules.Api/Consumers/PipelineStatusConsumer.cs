using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Duplicates;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Api.Consumers;

/// <summary>
/// Follows the pipeline's events so that <c>GET /v1/candidates/{id}</c> and <c>/v1/jobs/{id}</c>
/// tell a client where its document is. Each handler is idempotent: the status only moves forward.
/// When a document comes to read as indexed or rejected, the announcement the outside world gets
/// (<c>CandidateIndexedAnnounced</c>, …) goes into the outbox in the same transaction: it is sent
/// only once the status it announces is committed (docs/adr/0011).
/// </summary>
public sealed class PipelineStatusConsumer(
    ApiDbContext db, OutboxSignal outbox, TimeProvider clock, TalentMatchMetrics metrics, DuplicateDetector duplicates,
    ILogger<PipelineStatusConsumer> logger) :
    IConsumer<ResumeParsed>,
    IConsumer<JobParsed>,
    IConsumer<CandidateIndexed>,
    IConsumer<JobIndexed>,
    IConsumer<DocumentRejected>
{
    /// <summary>What applying an event led to: a follow-up for the bus, and whether the document now reads as indexed or rejected.</summary>
    /// <param name="GroupsStaged">A <see cref="DuplicateGroupsChanged"/> is in the outbox (wake it after the commit).</param>
    private sealed record Outcome(object? FollowUp = null, bool NowIndexed = false, bool NowRejected = false, bool GroupsStaged = false);

    private static readonly Outcome Nothing = new();

    public Task Consume(ConsumeContext<ResumeParsed> context) =>
        Update(db.Candidates, context.Message.CandidateId, context.Message.TenantId, async candidate =>
        {
            var firstParse = candidate.Status == PipelineStatus.Processing;
            var nowIndexed = candidate.MarkParsed(context.Message.Skills, context.Message.Text);
            // Here the api first holds the text of an upload: duplicates are looked for once, in this transaction.
            var found = firstParse && await duplicates.DetectAsync(db, candidate, context.Message.Contacts, context.CancellationToken);
            var staged = (found || nowIndexed) && await StageGroupAsync(candidate, context.CancellationToken);
            return new Outcome(NowIndexed: nowIndexed, GroupsStaged: staged);
        }, context);

    public Task Consume(ConsumeContext<JobParsed> context) =>
        Update(db.Jobs, context.Message.JobId, context.Message.TenantId, job =>
            job.Revision == context.Message.Revision
                ? new Outcome(NowIndexed: job.MarkParsed(context.Message.Skills, context.Message.Text, context.Message.Facts?.Compensation))
                : Nothing, context);

    public Task Consume(ConsumeContext<CandidateIndexed> context)
    {
        var m = context.Message;
        return Update(db.Candidates, m.CandidateId, m.TenantId, async candidate =>
        {
            var nowIndexed = candidate.MarkIndexed(m.IndexedAt);
            // Deleted while it was in the pipeline: the index must forget it again. Merged into another
            // (an undo's re-run overtaken by a new merge): search and matching must not hold it either.
            object? forget = candidate.IsDeleted ? new DocumentDeleted(m.CandidateId, m.TenantId, DocumentKind.Resume, Erasure: true)
                : candidate.MergedIntoId is not null ? new DocumentDeleted(m.CandidateId, m.TenantId, DocumentKind.Resume)
                : null;
            var staged = nowIndexed && forget is null && await StageGroupAsync(candidate, context.CancellationToken);
            return new Outcome(forget, nowIndexed, GroupsStaged: staged);
        }, context);
    }

    /// <summary>
    /// Search learns a candidate's group once it holds the document: when the candidate comes to read as
    /// indexed (search indexed it before saying so), and when detection links it to others (whose
    /// documents search may hold already). A group's message that came before the document changed nothing there.
    /// </summary>
    private Task<bool> StageGroupAsync(Candidate candidate, CancellationToken cancellationToken) =>
        DuplicateGroups.StageAsync(db, candidate.TenantId, [candidate.Id], clock, cancellationToken, evenAlone: false);

    public Task Consume(ConsumeContext<JobIndexed> context)
    {
        var m = context.Message;
        return Update(db.Jobs, m.JobId, m.TenantId, job =>
        {
            if (job.Revision != m.Revision)
            {
                return Nothing; // about content the job no longer has; its own revision is on its way
            }

            var nowIndexed = job.MarkIndexed(m.IndexedAt);
            // Deleted or closed while it was in the pipeline: keep it out of search.
            return new Outcome(job.IsOpen ? null : new DocumentDeleted(m.JobId, m.TenantId, DocumentKind.Job, Erasure: job.IsDeleted), nowIndexed);
        }, context);
    }

    public Task Consume(ConsumeContext<DocumentRejected> context)
    {
        var m = context.Message;
        return m.Kind == DocumentKind.Resume
            ? Update(db.Candidates, m.DocumentId, m.TenantId, d => new Outcome(NowRejected: d.MarkRejected(m.Reason, m.Detail)), context)
            : Update(db.Jobs, m.DocumentId, m.TenantId, d => new Outcome(NowRejected: d.MarkRejected(m.Reason, m.Detail)), context);
    }

    private Task Update<T>(DbSet<T> documents, Guid id, string tenantId, Func<T, Outcome> change, ConsumeContext context)
        where T : TrackedDocument =>
        Update(documents, id, tenantId, document => Task.FromResult(change(document)), context);

    /// <param name="change">Applies the event to the document, staging what else it changes on <c>db</c>.</param>
    private async Task Update<T>(DbSet<T> documents, Guid id, string tenantId, Func<T, Task<Outcome>> change, ConsumeContext context)
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
        var outcome = await change(document);
        if (outcome.FollowUp is not null)
        {
            await context.PublishFollowUp(outcome.FollowUp);
        }

        var announcement = Announcement(document, outcome);
        if (announcement is not null)
        {
            db.Outbox.Add(OutboxMessage.For(announcement, clock));
        }

        await db.SaveChangesAsync(context.CancellationToken);
        if (announcement is not null || outcome.GroupsStaged)
        {
            outbox.Notify();
        }

        if (outcome.NowIndexed && document.Revision == 0 && document.IndexedAt is { } indexedAt)
        {
            // After the save: a retried save counts once. SubmittedAt is a replaced job's first revision's, hence Revision 0 only.
            metrics.PipelineCompleted(document is Job ? DocumentKind.Job : DocumentKind.Resume, indexedAt - document.SubmittedAt);
        }
    }

    /// <summary>What the outside world is told now, if anything: a deleted document or a closed job is not announced.</summary>
    private static object? Announcement(TrackedDocument document, Outcome outcome) => document switch
    {
        Candidate c when outcome.NowIndexed && !c.IsDeleted => new CandidateIndexedAnnounced(c.Id, c.TenantId, c.IndexedAt!.Value),
        Job j when outcome.NowIndexed && j.IsOpen => new JobIndexedAnnounced(j.Id, j.TenantId, j.IndexedAt!.Value, j.Revision),
        _ when outcome.NowRejected => new DocumentRejectedAnnounced(document.Id, document.TenantId,
            document is Job ? DocumentKind.Job : DocumentKind.Resume, document.RejectionReason!, document.RejectionDetail ?? ""),
        _ => null,
    };
}
