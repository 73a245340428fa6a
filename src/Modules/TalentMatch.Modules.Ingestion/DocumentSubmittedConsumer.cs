using MassTransit;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents;
using TalentMatch.Core.Documents.Duplicates;
using TalentMatch.Core.Skills;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Persistence;

namespace TalentMatch.Modules.Ingestion;

/// <summary>
/// Parses each submitted resume and job description and publishes what it found, or why it could not.
/// <paramref name="linker"/> is registered only when semantic linking is on (<see cref="IngestionOptions.SemanticLinking"/>).
/// </summary>
public sealed class DocumentSubmittedConsumer(IBlobStore blobs, SemanticLinker? linker = null) : IConsumer<ResumeSubmitted>, IConsumer<JobSubmitted>
{
    public async Task Consume(ConsumeContext<ResumeSubmitted> context)
    {
        var m = context.Message;
        var text = m.Text;
        var document = m.Document;
        if (m.DocumentInBlobStore)
        {
            document = await blobs.GetAsync(m.TenantId, m.CandidateId, context.CancellationToken);
            if (document is null)
            {
                return; // erased before it was read: there is nothing left to parse
            }
        }

        if (document is not null)
        {
            // An uploaded file: its real type comes from its content; what cannot be read is
            // rejected with the reader's typed reason, never indexed as an empty profile.
            // Reading waits for one of the process's reading slots and stops itself when its budget is spent.
            switch (await DocumentReader.ReadAsync(document, m.FileName, cancellationToken: context.CancellationToken))
            {
                case DocumentRejection rejection:
                    await context.PublishFollowUp(new DocumentRejected(m.CandidateId, m.TenantId, DocumentKind.Resume,
                        ReasonCode(rejection.Reason), rejection.Detail));
                    return;
                case ReadDocument read:
                    text = read.Text;
                    break;
            }
        }

        var result = await DocumentIngestor.IngestAsync(text, DocumentKind.Resume, DateOnly.FromDateTime(m.SubmittedAt.UtcDateTime), linker, context.CancellationToken);
        object outcome = result.IsRejected
            ? new DocumentRejected(m.CandidateId, m.TenantId, DocumentKind.Resume, result.RejectionReason!, result.RejectionDetail!)
            : ResumeParsedOf(m.CandidateId, m.TenantId, result, context.CancellationToken);
        await context.PublishFollowUp(outcome);
    }

    /// <summary>
    /// What ingestion publishes for a resume it read (public so that the ingestion benchmark's stage-only run does the
    /// same work): the reading, the contact hashes, and the identity spans, found once here for search and matching,
    /// which each looked for them in the same text before.
    /// </summary>
    public static ResumeParsed ResumeParsedOf(Guid candidateId, string tenantId, IngestionResult result, CancellationToken cancellationToken) =>
        new(candidateId, tenantId, result.Text!, result.Skills, result.Facts, Contacts: ContactHashesOf(tenantId, result.Resume),
            Identity: StoredIdentity.Find(result.Text!, cancellationToken));

    /// <summary>
    /// The hashes the api's duplicate detection compares, made here from the parse ingestion has anyway, so that
    /// the api does not parse the resume a second time; the same function the api falls back to (tenant-keyed).
    /// </summary>
    private static ContactHashes ContactHashesOf(string tenantId, ParsedResume? resume)
    {
        var hashes = DuplicateFingerprint.ContactsOf(tenantId, resume);
        return new ContactHashes(hashes.Emails, hashes.Phones, hashes.Name, hashes.Employers);
    }

    /// <summary>RejectionReason.LegacyDoc → "legacy-doc": the stable code clients see.</summary>
    public static string ReasonCode(RejectionReason reason) =>
        System.Text.RegularExpressions.Regex.Replace(reason.ToString(), "(?<!^)([A-Z])", "-$1").ToLowerInvariant();

    public async Task Consume(ConsumeContext<JobSubmitted> context)
    {
        var m = context.Message;
        var result = await DocumentIngestor.IngestAsync(m.Text, DocumentKind.Job, DateOnly.FromDateTime(m.SubmittedAt.UtcDateTime), linker, context.CancellationToken);
        // The title the client gave wins over the one parsed from the text.
        object outcome = result.IsRejected
            ? new DocumentRejected(m.JobId, m.TenantId, DocumentKind.Job, result.RejectionReason!, result.RejectionDetail!)
            : new JobParsed(m.JobId, m.TenantId, m.Title ?? result.Facts?.Title, result.Text!, result.Skills, result.Facts, m.Revision);
        await context.PublishFollowUp(outcome);
    }
}
