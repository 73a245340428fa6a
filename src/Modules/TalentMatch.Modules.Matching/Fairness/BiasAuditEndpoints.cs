using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Contracts;
using TalentMatch.Core.Matching;
using TalentMatch.Core.Matching.Fairness;
using TalentMatch.Modules.Matching.Persistence;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Matching.Fairness;

/// <param name="Selection">What counted as selected: above the median score (LL144's scoring rate), at least a threshold, or the top k.</param>
/// <param name="Assessed">Every candidate of the tenant that matching holds, scored against the job.</param>
public sealed record BiasAuditReport(
    Guid JobId, DateTimeOffset ComputedAt, string Selection, int Assessed, int Selected, IReadOnlyList<DimensionRates> Dimensions,
    MatchWeights WeightsUsed, string TaxonomyVersion);

/// <summary>
/// <c>GET /v1/audit/bias</c>: selection rates and impact ratios by self-identified category for one job, computed by
/// scoring every candidate of the tenant with the scorer the match lists use and the tenant's weights (a bias audit
/// of the tool as it serves, docs/responsible-matching.md). Scope <c>audit</c>: aggregates only, never a person's category.
/// </summary>
internal sealed class BiasAuditEndpoints : IEndpointContributor
{
    /// <summary>The most candidates one report scores (about 10 s at this size on 2 cores); a larger tenant needs the CLI over an export.</summary>
    public const int MaxCandidates = 100_000;
    private const int Page = 500;
    private static readonly string[] Dimensions = [Demographics.SexDimension, Demographics.RaceEthnicityDimension];

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/audit/bias", Report).WithName("BiasAudit").WithTags("Audit").ProducesAccessProblems().RequireScope(Scopes.Audit)
            .WithSummary("Selection rates and impact ratios by self-identified sex, race/ethnicity and their intersection for a job " +
                "(jobId=; selected: above the median score by default, or threshold=, or top=; format=csv for a spreadsheet)")
            .AddOpenApiOperationTransformer((operation, context, cancellationToken) =>
            {
                // format=csv answers the same 200 as a spreadsheet: a second content type beside the JSON report.
                operation.Responses?["200"].Content?.TryAdd("text/csv", new Microsoft.OpenApi.OpenApiMediaType
                {
                    Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String },
                });
                return Task.CompletedTask;
            })
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<Results<Ok<BiasAuditReport>, ContentHttpResult, ProblemHttpResult>> Report(
        Guid? jobId, double? threshold, int? top, string? format, Tenant tenant, MatchFinder finder, MatchingDbContext db, CostlyRequests costly,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (jobId is not Guid id)
        {
            return Problem("invalid-bias-audit", "'jobId' is required: the job whose selections are audited.");
        }

        if (!TrySelection(threshold, top, out var selection, out var problem) || !TryFormat(format, out var csv, out problem))
        {
            return problem!;
        }

        using var running = costly.TryEnter(tenant.Id, out var busy);
        if (running is null)
        {
            return busy!;
        }

        var job = await finder.LoadAsync(tenant.Id, DocumentKind.Job, id, cancellationToken);
        if (job is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: "urn:talentmatch:problem:not-found", title: "Not found",
                detail: $"No job with id {id} that has been processed for matching.");
        }

        var weights = await finder.TenantWeightsAsync(tenant.Id, cancellationToken);
        var people = await ScoreEveryCandidateAsync(db, tenant.Id, job.Payload.ToJob(id), weights, cancellationToken);
        if (people is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, type: "urn:talentmatch:problem:too-many-candidates",
                title: "Too many candidates", detail: $"A bias report scores at most {MaxCandidates} candidates; run `talentmatch bias-audit` over an export of the resumes instead.");
        }

        var rates = SelectionRates.Compute(people, Dimensions, selection!);
        var report = new BiasAuditReport(id, clock.GetUtcNow(), rates.Selection, rates.Assessed, rates.Selected, rates.Dimensions, weights, Matcher.Default.Taxonomy.Version);
        return csv ? TypedResults.Text(SelectionRates.ToCsv(report.Dimensions), "text/csv; charset=utf-8") : TypedResults.Ok(report);
    }

    /// <summary>Every candidate's score and categories, a page at a time; null when the tenant has more than <see cref="MaxCandidates"/>.</summary>
    private static async Task<List<AssessedPerson>?> ScoreEveryCandidateAsync(
        MatchingDbContext db, string tenantId, JobProfile job, MatchWeights weights, CancellationToken cancellationToken)
    {
        var categories = await db.Demographics.AsNoTracking().Where(d => d.TenantId == tenantId)
            .ToDictionaryAsync(d => d.CandidateId, d => (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?>
            {
                [Demographics.SexDimension] = d.Sex,
                [Demographics.RaceEthnicityDimension] = d.RaceEthnicity,
            }, cancellationToken);
        var none = new Dictionary<string, string?>();
        var people = new List<AssessedPerson>();
        Guid? after = null;
        while (true)
        {
            var profiles = db.Profiles.AsNoTracking().Where(p => p.TenantId == tenantId && p.Kind == DocumentKind.Resume);
            if (after is Guid last)
            {
                profiles = profiles.Where(p => p.Id.CompareTo(last) > 0);
            }

            var page = await profiles.OrderBy(p => p.Id).Take(Page).Select(p => new { p.Id, p.Payload }).ToListAsync(cancellationToken);
            foreach (var p in page)
            {
                var score = Matcher.Default.Score(job, ProfilePayload.FromJson(p.Payload).ToCandidate(p.Id), weights).Score;
                people.Add(new AssessedPerson(p.Id.ToString(), score, categories.GetValueOrDefault(p.Id) ?? none));
            }

            if (people.Count > MaxCandidates)
            {
                return null;
            }

            if (page.Count < Page)
            {
                return people;
            }

            after = page[^1].Id;
        }
    }

    private static bool TrySelection(double? threshold, int? top, out Selection? selection, out ProblemHttpResult? problem)
    {
        selection = null;
        problem = (threshold, top) switch
        {
            (not null, not null) => Problem("invalid-bias-audit", "Give at most one of 'threshold' and 'top'."),
            ({ } t, null) when t is < 0 or > 1 || double.IsNaN(t) => Problem("invalid-bias-audit", "'threshold' is a score between 0 and 1."),
            (null, { } k) when k is < 1 or > MaxCandidates => Problem("invalid-bias-audit", $"'top' must be between 1 and {MaxCandidates}."),
            _ => null,
        };
        if (problem is null)
        {
            selection = threshold is { } at ? new Selection.AtLeast(at) : top is { } k ? new Selection.Top(k) : new Selection.AboveMedian();
        }

        return problem is null;
    }

    private static bool TryFormat(string? format, out bool csv, out ProblemHttpResult? problem)
    {
        csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        problem = format is null || csv || string.Equals(format, "json", StringComparison.OrdinalIgnoreCase)
            ? null
            : Problem("invalid-bias-audit", "'format' is json (the default) or csv.");
        return problem is null;
    }

    private static ProblemHttpResult Problem(string code, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: $"urn:talentmatch:problem:{code}", title: "Invalid bias audit request", detail: detail);
}
