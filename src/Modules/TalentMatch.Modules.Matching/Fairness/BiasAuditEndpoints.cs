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

/// <param name="Basis"><c>scored</c>: every candidate of the tenant scored against the job now; <c>served</c>: the candidates the
/// tool ranked for jobs in [From, To), as the audit trail recorded them (one assessment per job and candidate).</param>
/// <param name="Selection">What counted as selected: above the median score (LL144's scoring rate), at least a threshold, or the top k.</param>
/// <param name="Assessed">Scored: every candidate of the tenant that matching holds. Served: every (job, candidate) pair served.</param>
/// <param name="WeightsUsed">Scored only: served records carry their own weights (<c>GET /v1/audit/matches</c>).</param>
public sealed record BiasAuditReport(
    Guid? JobId, DateTimeOffset ComputedAt, string Basis, DateTimeOffset? From, DateTimeOffset? To, string Selection, int Assessed, int Selected,
    IReadOnlyList<DimensionRates> Dimensions, MatchWeights? WeightsUsed, string? TaxonomyVersion);

/// <summary>
/// <c>GET /v1/audit/bias</c>: selection rates and impact ratios by self-identified category, either for one job by
/// scoring every candidate of the tenant with the scorer the match lists use and the tenant's weights (<c>jobId=</c>),
/// or over what the tool actually served in a window of time, read from the audit trail (<c>from=</c>, <c>to=</c>,
/// optionally one <c>jobId=</c>; <see cref="ServedSelections"/>). docs/responsible-matching.md. Scope <c>audit</c>:
/// aggregates only, never a person's category.
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
            .WithSummary("Selection rates and impact ratios by self-identified sex, race/ethnicity and their intersection: for a job scored now " +
                "(jobId=), or over the candidate lists served in a window (from=, to=, optionally jobId=); selected: above the median score " +
                "by default, or threshold=, or top= (within each job's list); format=csv for a spreadsheet")
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
        Guid? jobId, DateTimeOffset? from, DateTimeOffset? to, double? threshold, int? top, string? format, Tenant tenant, MatchFinder finder,
        MatchingDbContext db, CostlyRequests costly, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!TryBasis(jobId, from, to, now, out var window, out var problem)
            || !TrySelection(threshold, top, out var selection, out problem) || !TryFormat(format, out var csv, out problem))
        {
            return problem!;
        }

        using var running = costly.TryEnter(tenant.Id, out var busy);
        if (running is null)
        {
            return busy!;
        }

        var categories = await CategoriesAsync(db, tenant.Id, cancellationToken);
        BiasAuditReport report;
        if (window is { From: var start, To: var end })
        {
            var served = await ServedSelections.ReadAsync(db, tenant.Id, start, end, jobId, categories, cancellationToken);
            if (served is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, type: "urn:talentmatch:problem:too-many-candidates",
                    title: "Too many served rows", detail: $"A bias report reads at most {ServedSelections.MaxRows} served rows; ask for a shorter window.");
            }

            var rates = SelectionRates.Compute(served, Dimensions, selection!);
            report = new BiasAuditReport(jobId, now, "served", start, end, rates.Selection, rates.Assessed, rates.Selected, rates.Dimensions, null, null);
        }
        else
        {
            var id = jobId!.Value;
            var job = await finder.LoadAsync(tenant.Id, DocumentKind.Job, id, cancellationToken);
            if (job is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: "urn:talentmatch:problem:not-found", title: "Not found",
                    detail: $"No job with id {id} that has been processed for matching.");
            }

            var weights = await finder.TenantWeightsAsync(tenant.Id, cancellationToken);
            var people = await ScoreEveryCandidateAsync(db, tenant.Id, job.Payload.ToJob(id), weights, categories, cancellationToken);
            if (people is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, type: "urn:talentmatch:problem:too-many-candidates",
                    title: "Too many candidates", detail: $"A bias report scores at most {MaxCandidates} candidates; run `talentmatch bias-audit` over an export of the resumes instead.");
            }

            var rates = SelectionRates.Compute(people, Dimensions, selection!);
            report = new BiasAuditReport(id, now, "scored", null, null, rates.Selection, rates.Assessed, rates.Selected, rates.Dimensions, weights, Matcher.Default.Taxonomy.Version);
        }

        return csv ? TypedResults.Text(SelectionRates.ToCsv(report.Dimensions), "text/csv; charset=utf-8") : TypedResults.Ok(report);
    }

    /// <summary>Each candidate's self-identified categories, for the whole tenant (one row per candidate who declared any).</summary>
    private static async Task<Dictionary<Guid, IReadOnlyDictionary<string, string?>>> CategoriesAsync(
        MatchingDbContext db, string tenantId, CancellationToken cancellationToken) =>
        await db.Demographics.AsNoTracking().Where(d => d.TenantId == tenantId)
            .ToDictionaryAsync(d => d.CandidateId, d => (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?>
            {
                [Demographics.SexDimension] = d.Sex,
                [Demographics.RaceEthnicityDimension] = d.RaceEthnicity,
            }, cancellationToken);

    /// <summary>A served window when <c>from</c> is given (<c>to</c> defaults to now), otherwise a job scored now.</summary>
    private static bool TryBasis(
        Guid? jobId, DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now, out (DateTimeOffset From, DateTimeOffset To)? window,
        out ProblemHttpResult? problem)
    {
        window = from is { } start ? (start, to ?? now) : null;
        problem = (jobId, from, to) switch
        {
            (null, null, _) => Problem("invalid-bias-audit", "Give 'jobId' (a job scored now) or 'from' (the lists served since then)."),
            (_, null, not null) => Problem("invalid-bias-audit", "'to' ends a window that starts at 'from'."),
            _ when window is { } w && w.From >= w.To => Problem("invalid-bias-audit", "'from' must be before 'to' (or before now)."),
            _ => null,
        };
        return problem is null;
    }

    /// <summary>Every candidate's score and categories, a page at a time; null when the tenant has more than <see cref="MaxCandidates"/>.</summary>
    private static async Task<List<AssessedPerson>?> ScoreEveryCandidateAsync(
        MatchingDbContext db, string tenantId, JobProfile job, MatchWeights weights,
        IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, string?>> categories, CancellationToken cancellationToken)
    {
        var none = new Dictionary<string, string?>();
        var people = new List<AssessedPerson>();
        var prepared = Matcher.Default.Prepare(job); // every candidate against one job: resolved once, scored in numbers only
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
                var score = Matcher.Default.ScoreValue(prepared, ProfilePayload.FromJson(p.Payload).ToCandidate(p.Id), weights);
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
