using MassTransit;
using TalentMatch.Contracts;

namespace TalentMatch.Ingestion;

/// <summary>Parses each submitted resume and job description and publishes what it found, or why it could not.</summary>
public sealed class DocumentSubmittedConsumer : IConsumer<ResumeSubmitted>, IConsumer<JobSubmitted>
{
    public async Task Consume(ConsumeContext<ResumeSubmitted> context)
    {
        var m = context.Message;
        var result = DocumentIngestor.Ingest(m.Text, DocumentKind.Resume, DateOnly.FromDateTime(m.SubmittedAt.UtcDateTime));
        object outcome = result.IsRejected
            ? new DocumentRejected(m.CandidateId, m.TenantId, DocumentKind.Resume, result.RejectionReason!, result.RejectionDetail!)
            : new ResumeParsed(m.CandidateId, m.TenantId, result.Text!, result.Skills, result.Facts);
        await context.Publish(outcome, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<JobSubmitted> context)
    {
        var m = context.Message;
        var result = DocumentIngestor.Ingest(m.Text, DocumentKind.Job, DateOnly.FromDateTime(m.SubmittedAt.UtcDateTime));
        // The title the client gave wins over the one parsed from the text.
        object outcome = result.IsRejected
            ? new DocumentRejected(m.JobId, m.TenantId, DocumentKind.Job, result.RejectionReason!, result.RejectionDetail!)
            : new JobParsed(m.JobId, m.TenantId, m.Title ?? result.Facts?.Title, result.Text!, result.Skills, result.Facts);
        await context.Publish(outcome, context.CancellationToken);
    }
}
