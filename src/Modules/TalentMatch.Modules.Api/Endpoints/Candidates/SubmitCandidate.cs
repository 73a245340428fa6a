using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Candidates;

/// <summary><c>POST /v1/candidates</c>: a resume as JSON, plain text or an uploaded file.</summary>
internal static class SubmitCandidate
{
    public static void Map(RouteGroupBuilder candidates) =>
        candidates.MapPost("/", HandleAsync).WithName("SubmitCandidate").RequireScope(Scopes.CandidatesWrite).WithIdempotency()
            .WithSummary("Submit a resume").ProducesSubmissionProblems()
            // A replay of this request after its document was erased (IdempotencyStore.EraseForAsync).
            .ProducesProblem(StatusCodes.Status410Gone);

    private static async Task<Results<AcceptedAtRoute<CandidateResponse>, ProblemHttpResult>> HandleAsync(
        HttpRequest request, [AsParameters] DocumentServices services, CancellationToken cancellationToken)
    {
        var options = services.Options.Value;
        var (submission, problem) = await DocumentSubmission.ReadAsync(
            request, options.MaxDocumentBytes, cancellationToken, maxUploadBytes: options.MaxUploadBytes);
        if (submission is null)
        {
            return problem!;
        }

        var (consent, consentProblem) = submission.Consent?.Validate(services.Clock.GetUtcNow()) ?? (null, null);
        if (consentProblem is not null)
        {
            return consentProblem;
        }

        var candidate = new Candidate
        {
            Id = Guid.CreateVersion7(),
            TenantId = services.Tenant.Id,
            Text = submission.Text, // empty for an upload until ingestion has read the file
            FileName = submission.FileName,
            Consent = consent,
            SubmittedAt = services.Clock.GetUtcNow(),
        };
        // An upload is stored once, in the blob store, and the event carries its reference: the file
        // is not copied into the outbox and the bus (where erasure would have to chase it).
        var inBlobStore = false;
        if (submission.File is { } file && services.Blobs.Enabled)
        {
            await services.Blobs.PutAsync(candidate.TenantId, candidate.Id, file, cancellationToken);
            inBlobStore = true;
        }

        // The candidate and the event that starts its pipeline commit together (outbox), in one transaction with the
        // submissions that arrive meanwhile (SubmissionGroupCommit: one synced commit for all of them).
        var submitted = OutboxMessage.For(new ResumeSubmitted(candidate.Id, candidate.TenantId, candidate.Text, candidate.SubmittedAt,
            inBlobStore ? null : submission.File, submission.FileName, inBlobStore), services.Clock);
        try
        {
            await services.Submissions.CommitAsync(services.Db, candidate, submitted);
        }
        catch when (inBlobStore)
        {
            await services.Blobs.DeleteAsync(candidate.TenantId, candidate.Id, CancellationToken.None);
            throw;
        }
        services.Outbox.Notify();

        return TypedResults.AcceptedAtRoute(CandidateResponse.From(candidate), "GetCandidate", new { id = candidate.Id });
    }
}
