using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Contracts;
using TalentMatch.Core.Documents;
using TalentMatch.Modules.Api.Endpoints.Documents;
using TalentMatch.Modules.Api.Persistence;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Api.Endpoints.Candidates;

/// <summary>A reveal: which key saw the candidate, when, and until when its reads of the candidate are not anonymised.</summary>
public sealed record RevealResponse(Guid Id, Guid CandidateId, Guid KeyId, DateTimeOffset RevealedAt, DateTimeOffset Until);

public sealed record RevealListResponse(IReadOnlyList<RevealResponse> Items);

/// <summary>
/// Anonymised screening's way back to the person: <c>POST /v1/candidates/{id}/reveal</c> lifts the tenant's anonymisation
/// for the calling key on this candidate's own reads (<c>GET /v1/candidates/{id}</c>, <c>…/versions</c>) for
/// <see cref="RevealFor"/>, and is recorded; <c>GET …/reveals</c> (scope <c>audit</c>) lists who revealed the candidate
/// and when. Lists (search, matches) stay anonymised: screening stays blind, one opened candidate at a time is not.
/// </summary>
internal static class CandidateReveals
{
    public static readonly TimeSpan RevealFor = TimeSpan.FromHours(24);

    /// <summary>The newest reveals listed (a candidate revealed more often than this is an audit finding by itself).</summary>
    public const int MaxListed = 200;

    public static void Map(RouteGroupBuilder candidates)
    {
        candidates.MapPost("/{id:guid}/reveal", RevealAsync).WithName("RevealCandidate").RequireAnyScope(Scopes.CandidatesRead, Scopes.CandidatesWrite)
            .WithSummary("Reveal an anonymised candidate to the calling key for 24 hours (recorded)").ProducesProblem(StatusCodes.Status404NotFound);
        candidates.MapGet("/{id:guid}/reveals", ListAsync).WithName("ListCandidateReveals").RequireScope(Scopes.Audit)
            .WithSummary("Who revealed an anonymised candidate, and when").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<RevealResponse>, ProblemHttpResult>> RevealAsync(
        Guid id, Tenant tenant, ClaimsPrincipal user, ApiDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var candidate = await DocumentQueries.FindLiveAsync(db.Candidates.AsNoTracking(), tenant, id, cancellationToken);
        if (candidate is null)
        {
            return Problems.NotFound("candidate", id);
        }

        var now = clock.GetUtcNow();
        var reveal = new CandidateReveal
        {
            Id = Guid.CreateVersion7(now), TenantId = tenant.Id, CandidateId = candidate.Id, KeyId = KeyId(user), RevealedAt = now, Until = now + RevealFor,
        };
        db.CandidateReveals.Add(reveal);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/v1/candidates/{candidate.Id}/reveals", Response(reveal));
    }

    private static async Task<Results<Ok<RevealListResponse>, ProblemHttpResult>> ListAsync(
        Guid id, Tenant tenant, ApiDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Candidates.AnyAsync(c => c.TenantId == tenant.Id && c.Id == id && c.Status != PipelineStatus.Deleted, cancellationToken))
        {
            return Problems.NotFound("candidate", id);
        }

        var reveals = await db.CandidateReveals.AsNoTracking().Where(r => r.TenantId == tenant.Id && r.CandidateId == id)
            .OrderByDescending(r => r.Id).Take(MaxListed).ToListAsync(cancellationToken);
        return TypedResults.Ok(new RevealListResponse([.. reveals.Select(Response)]));
    }

    /// <summary>
    /// How this request reads <paramref name="candidateId"/>: the tenant's anonymisation, lifted by the calling key's
    /// live reveal of this candidate; an explicit <c>anonymised=true</c> still anonymises. Null with
    /// <paramref name="refused"/> when the request asks for <c>anonymised=false</c> under the setting without a reveal.
    /// </summary>
    public static async Task<ReadAnonymity?> ResolveAsync(
        ClaimsPrincipal user, bool? requested, ApiDbContext db, Tenant tenant, Guid candidateId, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (requested is not true && user.HasClaim(c => c.Type == TalentMatchClaims.Anonymise))
        {
            var key = KeyId(user);
            var until = await db.CandidateReveals.AsNoTracking().Where(r => r.TenantId == tenant.Id && r.CandidateId == candidateId && r.KeyId == key)
                .Select(r => r.Until).ToListAsync(cancellationToken);
            if (until.Any(u => u > clock.GetUtcNow())) return ReadAnonymity.None;
        }

        return Anonymisation.Resolve(user, requested);
    }

    /// <summary>A resume as an anonymised read shows it: placeholders in the text, evidence moved to the same words (evidence inside the person's identity is left out).</summary>
    public static (string Text, List<ExtractedSkill> Skills) Redact(string text, IReadOnlyList<ExtractedSkill> skills, ReadAnonymity anonymity, CancellationToken cancellationToken)
    {
        if (!anonymity.Anonymised) return (text, [.. skills]);
        var redacted = Redaction.Redact(text, new RedactionOptions(Schools: anonymity.Schools), cancellationToken);
        return (redacted.Text, [.. skills.Select(s => s.Evidence is null ? s : s with
        {
            Evidence = [.. s.Evidence.Select(e => redacted.Map(e.Start, e.End) is { } m ? e with { Start = m.Start, End = m.End } : null).OfType<TextSpan>()],
        })]);
    }

    private static Guid KeyId(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(TalentMatchClaims.KeyId)!);

    private static RevealResponse Response(CandidateReveal r) => new(r.Id, r.CandidateId, r.KeyId, r.RevealedAt, r.Until);
}
