using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Contracts;
using TalentMatch.Modules.Api.Access;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Persistence;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Candidates;

/// <summary>The uploaded file, as it came.</summary>
public sealed record ExportedFile(string? Name, string ContentBase64);

/// <summary>
/// Everything the api service holds about a candidate (right of access and portability): the text,
/// the skills with the evidence found for each, the pipeline state, the consent record and, for an
/// upload, the original file; the portal links made for them (never their tokens). Matching's scores are not part of it: they are computed on request from these skills
/// (<c>GET /v1/candidates/{id}/matches</c>), not stored about the person beyond announced pairs.
/// </summary>
public sealed record CandidateExport(
    Guid Id,
    PipelineStatus Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? IndexedAt,
    string Text,
    IReadOnlyList<ExtractedSkill> Skills,
    RejectionResponse? Rejection,
    ConsentResponse? Consent,
    ExportedFile? File,
    IReadOnlyList<PortalLinkResponse> PortalLinks,
    DateTimeOffset ExportedAt);

/// <summary><c>GET /v1/candidates/{id}/export</c>: one JSON document with everything held about the candidate.</summary>
internal static class ExportCandidate
{
    public static void Map(RouteGroupBuilder candidates) =>
        candidates.MapGet("/{id:guid}/export", HandleAsync).WithName("ExportCandidate").RequireAnyScope(Scopes.CandidatesRead, Scopes.CandidatesWrite)
            .WithSummary("Export everything held about a candidate, with the original file").ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<CandidateExport>, ProblemHttpResult>> HandleAsync(
        Guid id, Tenant tenant, ApiDbContext db, IBlobStore blobs, PortalLinkStore portalLinks, TimeProvider clock, CancellationToken cancellationToken)
    {
        var candidate = await DocumentQueries.FindLiveAsync(db.Candidates.AsNoTracking(), tenant, id, cancellationToken);
        if (candidate is null)
        {
            return Problems.NotFound("candidate", id); // erased ones too: nothing is held to export
        }

        var file = await blobs.GetAsync(tenant.Id, id, cancellationToken);
        var links = await db.PortalLinks.AsNoTracking().Where(l => l.TenantId == tenant.Id && l.CandidateId == id).OrderBy(l => l.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new CandidateExport(candidate.Id, candidate.Status, candidate.SubmittedAt, candidate.IndexedAt, candidate.Text,
            candidate.Skills, DocumentResponses.Rejection(candidate), ConsentResponse.From(candidate.Consent),
            file is null ? null : new ExportedFile(candidate.FileName, Convert.ToBase64String(file)),
            [.. links.Select(l => PortalLinks.ToResponse(l, portalLinks))], clock.GetUtcNow()));
    }
}
