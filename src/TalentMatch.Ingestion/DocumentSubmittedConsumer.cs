using MassTransit;
using TalentMatch.Contracts;

namespace TalentMatch.Ingestion;

/// <summary>Parses each submitted resume and job description and publishes what it found, or why it could not.</summary>
public sealed class DocumentSubmittedConsumer : IConsumer<ResumeSubmitted>, IConsumer<JobSubmitted>
{
    public async Task Consume(ConsumeContext<ResumeSubmitted> context)
    {
        var m = context.Message;
        var result = DocumentIngestor.Ingest(m.Text);
        if (result.IsRejected)
        {
            await context.Publish(new DocumentRejected(m.CandidateId, m.TenantId, DocumentKind.Resume, result.RejectionReason!, result.RejectionDetail!));
            return;
        }

        await context.Publish(new ResumeParsed(m.CandidateId, m.TenantId, result.Text!, result.Skills));
    }

    public async Task Consume(ConsumeContext<JobSubmitted> context)
    {
        var m = context.Message;
        var result = DocumentIngestor.Ingest(m.Text);
        if (result.IsRejected)
        {
            await context.Publish(new DocumentRejected(m.JobId, m.TenantId, DocumentKind.Job, result.RejectionReason!, result.RejectionDetail!));
            return;
        }

        await context.Publish(new JobParsed(m.JobId, m.TenantId, m.Title, result.Text!, result.Skills));
    }
}
