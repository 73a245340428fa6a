using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Core.Skills;
using TalentMatch.Modules.Insights.Persistence;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Insights;

/// <summary>Per skill asked for, jobs asking against the tenant's candidates having it.</summary>
public sealed record SupplyInsightsResponse(int Jobs, int Candidates, IReadOnlyList<SkillSupply> Skills);

/// <summary>Pay of the jobs asking for every one of <paramref name="Skills"/>, per currency, with the ids of the jobs it came from.</summary>
public sealed record SalaryInsightsResponse(IReadOnlyList<string> Skills, int Jobs, IReadOnlyList<ProfileSalary> Salaries);

/// <summary>One currency's pay figures and the jobs that gave them (at most <see cref="InsightsEndpoints.MaxJobIds"/>; <paramref name="Jobs"/> counts all).</summary>
public sealed record ProfileSalary(string Currency, int Jobs, Distribution Monthly, Distribution Annual, IReadOnlyList<string> JobIds);

/// <summary>
/// <c>/skills</c> and <c>/supply</c> read the running tallies (ADR 0013) over all open (or all) jobs or one city,
/// seniority or category; with <c>since</c> or two of those, a request aggregates the tenant's matching jobs (ADR 0010),
/// as <c>/salaries</c> does with the jobs the database chose: it counts as a costly request, at most
/// <c>TalentMatch:RateLimit:ConcurrentCostlyRequestsPerTenant</c> at once per tenant.
/// </summary>
internal sealed class InsightsEndpoints : IEndpointContributor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
    public const int MaxProfileSkills = 20;
    public const int MaxJobIds = 1000;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/insights").WithTags("Insights").ProducesAccessProblems()
            .RequireScope(Scopes.Search).ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/skills", Skills).WithName("SkillInsights")
            .WithSummary("Skills the tenant's jobs ask for: jobs and share (required/preferred), pay quartiles (none from fewer than 5 jobs), skills asked for together (lift), monthly trend");
        group.MapGet("/supply", Supply).WithName("SupplyInsights")
            .WithSummary("Per skill asked for: jobs asking vs the tenant's candidates having it, a scarcity index, candidates' median years");
        group.MapGet("/salaries", Salaries).WithName("SalaryInsights")
            .WithSummary("The pay distribution of jobs asking for every skill given (skills=a,b), with the ids of those jobs");
    }

    private static async Task<Results<Ok<MarketReport>, ProblemHttpResult>> Skills(
        Tenant tenant, InsightsDbContext db, CostlyRequests costly, CancellationToken cancellationToken,
        string? status = null, string? since = null, string? city = null, string? seniority = null, string? category = null, string? under = null, int? limit = null)
    {
        if (!InsightFilter.TryParse(status, since, city, seniority, category, out var filter, out var problem)) return problem!;
        if (!TryLimit(limit, out var top, out problem)) return problem!;
        using var running = costly.TryEnter(tenant.Id, out var busy);
        if (running is null) return busy!;
        var taxonomy = SkillExtractor.Default.Taxonomy;
        if (under is not null && !taxonomy.TryGet(under, out _))
        {
            return InsightFilter.Invalid("unknown-skill", $"'under' is a skill id from the taxonomy (GET /v1/skills); '{Shown(under)}' is not one.");
        }

        // The skill and everything narrower: "which kinds of deep learning are asked for".
        Func<string, bool> include = under is null ? _ => true : taxonomy.DescendantsOf(under).Select(s => s.Id).Append(under).ToHashSet(StringComparer.Ordinal).Contains;
        return TypedResults.Ok(await SkillsReportAsync(db, tenant.Id, filter, include, top, tallies: true, cancellationToken));
    }

    /// <summary>
    /// The skills report as <c>GET /v1/insights/skills</c> answers it (the benchmark times this). From the running
    /// tallies where a view of them counts exactly the filtered jobs and the tenant has them; otherwise, or with
    /// <paramref name="tallies"/> false (the benchmark's baseline), from the matching jobs' facts, aggregated now.
    /// </summary>
    internal static async Task<MarketReport> SkillsReportAsync(
        InsightsDbContext db, string tenantId, InsightFilter filter, Func<string, bool> include, int top, bool tallies, CancellationToken cancellationToken)
    {
        // A tenant without tallies has had no job change since they were introduced (or rebuilt, InsightTallyRebuilder): its facts still answer.
        if (tallies && filter.TallyScope is { } scope && await db.Tenants.AnyAsync(t => t.TenantId == tenantId, cancellationToken))
        {
            return await InsightTallies.SummariseAsync(db, tenantId, scope, filter.OpenOnly, include, top, cancellationToken);
        }

        var counts = await filter.CountAsync(db, tenantId, cancellationToken);
        return counts.Report(SkillExtractor.Default.Taxonomy, top, trend: true, include);
    }

    private static async Task<Results<Ok<SupplyInsightsResponse>, ProblemHttpResult>> Supply(
        Tenant tenant, InsightsDbContext db, CostlyRequests costly, CancellationToken cancellationToken,
        string? status = null, string? since = null, string? city = null, string? seniority = null, string? category = null, int? limit = null)
    {
        if (!InsightFilter.TryParse(status, since, city, seniority, category, out var filter, out var problem)) return problem!;
        if (!TryLimit(limit, out var top, out problem)) return problem!;
        using var running = costly.TryEnter(tenant.Id, out var busy);
        if (running is null) return busy!;
        return TypedResults.Ok(await SupplyAsync(db, tenant.Id, filter, top, tallies: true, cancellationToken));
    }

    /// <summary>
    /// The supply report as <c>GET /v1/insights/supply</c> answers it (the benchmark times this): jobs asking for each
    /// skill from the tallies' view of the filter where there is one (else the facts), against the candidates' counts
    /// of the listed skills (<see cref="InsightCandidateTallies"/>; they do not depend on the jobs' filter). With
    /// <paramref name="tallies"/> false (the benchmark's baseline), or for a tenant without tallies yet, both from the facts.
    /// </summary>
    internal static async Task<SupplyInsightsResponse> SupplyAsync(InsightsDbContext db, string tenantId, InsightFilter filter, int top, bool tallies, CancellationToken cancellationToken)
    {
        var taxonomy = SkillExtractor.Default.Taxonomy;
        if (!tallies || !await db.Tenants.AnyAsync(t => t.TenantId == tenantId, cancellationToken))
        {
            var candidates = await db.Candidates.AsNoTracking().Where(c => c.TenantId == tenantId).Select(c => c.ToMarketCandidate()).ToListAsync(cancellationToken);
            var all = await filter.JobsAsync(db, tenantId, cancellationToken, withDimensions: false);
            return new SupplyInsightsResponse(all.Count, candidates.Count, MarketSupply.Compare(all, candidates, taxonomy, top));
        }

        var (total, asking) = filter.TallyScope is { } scope
            ? await InsightShortlists.CountsAsync(db, tenantId, !filter.OpenOnly, cancellationToken, scope)
            : await AskingFromFactsAsync(db, tenantId, filter, cancellationToken);
        var listed = MarketSupply.MostAsked(asking.Select(a => (a.Key, (int)a.Value)), top);
        var (candidateCount, holders) = await InsightCandidateTallies.ReadAsync(db, tenantId, [.. listed.Select(l => l.Id)], cancellationToken);
        return new SupplyInsightsResponse(total, candidateCount, MarketSupply.Compare(listed, total, candidateCount, holders, taxonomy, top));
    }

    /// <summary>A filter no view counts (<c>since</c>, two dimensions): its jobs, and the jobs asking for each skill, from the facts.</summary>
    private static async Task<(int Total, Dictionary<string, long> Asking)> AskingFromFactsAsync(InsightsDbContext db, string tenantId, InsightFilter filter, CancellationToken cancellationToken)
    {
        var jobs = await filter.JobsAsync(db, tenantId, cancellationToken, withDimensions: false);
        return (jobs.Count, jobs.SelectMany(j => j.Skills.Distinct(StringComparer.Ordinal)).CountBy(s => s, StringComparer.Ordinal).ToDictionary(p => p.Key, p => (long)p.Value, StringComparer.Ordinal));
    }

    private static async Task<Results<Ok<SalaryInsightsResponse>, ProblemHttpResult>> Salaries(
        Tenant tenant, InsightsDbContext db, CostlyRequests costly, CancellationToken cancellationToken,
        string? skills = null, string? status = null, string? since = null, string? city = null, string? seniority = null, string? category = null)
    {
        if (!InsightFilter.TryParse(status, since, city, seniority, category, out var filter, out var problem)) return problem!;
        var wanted = (skills ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count is 0 or > MaxProfileSkills)
        {
            return InsightFilter.Invalid("invalid-skills", $"'skills' is 1 to {MaxProfileSkills} comma-separated skill ids (GET /v1/skills).");
        }

        var unknown = wanted.FirstOrDefault(id => !SkillExtractor.Default.Taxonomy.TryGet(id, out _));
        if (unknown is not null)
        {
            return InsightFilter.Invalid("unknown-skill", $"'{Shown(unknown)}' is not a skill id of the taxonomy (GET /v1/skills).");
        }

        using var running = costly.TryEnter(tenant.Id, out var busy);
        if (running is null) return busy!;
        return TypedResults.Ok(await SalariesAsync(db, tenant.Id, filter, wanted, inDatabase: true, cancellationToken));
    }

    /// <summary>
    /// The salaries of a skill profile as <c>GET /v1/insights/salaries</c> answers it (the benchmark times this): once the
    /// tenant has tallies, the jobs asking for every skill are chosen in the jobs' skill index
    /// (<see cref="InsightJobSkillIndex.JobsAskingAll"/>) and only their pay columns read; before, every row of the tenant
    /// is matched as text in the database. <paramref name="inDatabase"/> false reads every job of the filter and chooses
    /// in memory (the benchmark's baseline).
    /// </summary>
    internal static async Task<SalaryInsightsResponse> SalariesAsync(InsightsDbContext db, string tenantId, InsightFilter filter, IReadOnlyList<string> wanted, bool inDatabase, CancellationToken cancellationToken)
    {
        var jobs = inDatabase && await db.Tenants.AnyAsync(t => t.TenantId == tenantId, cancellationToken)
            ? await filter.JobsAsync(db, tenantId, cancellationToken, among: InsightJobSkillIndex.JobsAskingAll(db, tenantId, await InsightJobSkillIndex.RarestFirstAsync(db, tenantId, wanted, cancellationToken)), payOnly: true, withIds: true, withDimensions: false)
            : [.. (await filter.JobsAsync(db, tenantId, cancellationToken, inDatabase ? wanted : null, withIds: true, withDimensions: false)).Where(j => wanted.All(id => j.Skills.Contains(id, StringComparer.Ordinal)))];
        var salaries = MarketInsights.Salaries(jobs, MaxJobIds)
            .Select(s => new ProfileSalary(s.Salary.Currency, s.Salary.Jobs, s.Salary.Monthly, s.Salary.Annual, s.JobIds))
            .ToList();
        return new SalaryInsightsResponse(wanted, jobs.Count, salaries);
    }

    private static bool TryLimit(int? limit, out int top, out ProblemHttpResult? problem)
    {
        top = limit ?? DefaultLimit;
        problem = top is < 1 or > MaxLimit ? InsightFilter.Invalid("invalid-limit", $"'limit' must be between 1 and {MaxLimit}.") : null;
        return problem is null;
    }

    /// <summary>A caller's value echoed in a problem, cut short: the detail must stay small whatever was sent.</summary>
    private static string Shown(string value) => value.Length <= 100 ? value : value[..100] + "…";
}
