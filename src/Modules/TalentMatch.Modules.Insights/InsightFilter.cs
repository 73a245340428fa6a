using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Contracts;
using TalentMatch.Core.Matching.Insights;
using TalentMatch.Core.Skills;
using TalentMatch.Modules.Insights.Persistence;
using SeniorityLevel = TalentMatch.Core.Documents.Seniority;

namespace TalentMatch.Modules.Insights;

/// <summary>
/// Which of a tenant's jobs an insight is over: open ones by default (<c>status=all</c> adds closed ones), posted
/// since a date, in a city, at a seniority, of a category (a role id). Validated before any query: a bad value is a
/// 400 problem naming the parameter, never an empty answer that looks like a market.
/// </summary>
internal sealed record InsightFilter(bool OpenOnly, DateTimeOffset? Since, string? City, string? Seniority, string? Category)
{
    public const int MaxValueLength = 100;

    /// <summary>
    /// The view of the running tallies (ADR 0013) that counts exactly the jobs this filter passes: "" for open or all
    /// jobs, <c>city:…</c>, <c>seniority:…</c> or <c>category:…</c> for one of those; null where none does (a
    /// <c>since</c> date, two dimensions at once), and the facts must be read.
    /// </summary>
    public string? TallyScope
    {
        get
        {
            string?[] scopes = [MarketTally.Scope(MarketTally.CityDimension, City), MarketTally.Scope(MarketTally.SeniorityDimension, Seniority), MarketTally.Scope(MarketTally.CategoryDimension, Category)];
            var given = scopes.OfType<string>().ToList();
            return Since is not null || given.Count > 1 ? null : given.SingleOrDefault() ?? "";
        }
    }

    /// <summary>The filter whose jobs the view <paramref name="scope"/> (a <see cref="TallyScope"/>) counts.</summary>
    public static InsightFilter OfScope(string scope, bool openOnly)
    {
        var colon = scope.IndexOf(':', StringComparison.Ordinal);
        var (dimension, value) = colon < 0 ? ("", null) : (scope[..colon], scope[(colon + 1)..]);
        return new InsightFilter(
            openOnly,
            null,
            dimension == MarketTally.CityDimension ? value : null,
            dimension == MarketTally.SeniorityDimension ? value : null,
            dimension == MarketTally.CategoryDimension ? value : null);
    }

    public static bool TryParse(string? status, string? since, string? city, string? seniority, string? category, out InsightFilter filter, out ProblemHttpResult? problem)
    {
        filter = new InsightFilter(true, null, null, null, null);
        problem = null;
        if (status is not (null or "open" or "all"))
        {
            problem = Invalid("invalid-filter", "'status' is open (the default) or all.");
            return false;
        }

        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (!DateOnly.TryParseExact(since, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                problem = Invalid("invalid-filter", "'since' is a date, yyyy-MM-dd.");
                return false;
            }

            from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        foreach (var (name, value) in new[] { ("city", city), ("seniority", seniority), ("category", category) })
        {
            if (value is { Length: 0 or > MaxValueLength })
            {
                problem = Invalid("invalid-filter", $"'{name}' must be 1 to {MaxValueLength} characters.");
                return false;
            }
        }

        var levels = Enum.GetNames<SeniorityLevel>().Where(n => n != nameof(SeniorityLevel.Unknown)).Select(n => n.ToLowerInvariant()).ToList();
        if (seniority is not null && !levels.Contains(seniority.ToLowerInvariant()))
        {
            problem = Invalid("invalid-filter", $"'seniority' is one of {string.Join(", ", levels)}.");
            return false;
        }

        if (category is not null && !(SkillExtractor.Default.Taxonomy.TryGet(category, out var role) && role.Kind == SkillKind.Role))
        {
            problem = Invalid("invalid-filter", $"'category' is a role id from the taxonomy (GET /v1/skills), such as role-mlops-engineer; '{category}' is not one.");
            return false;
        }

        filter = new InsightFilter(status != "all", from, city, seniority?.ToLowerInvariant(), category);
        return true;
    }

    /// <summary>
    /// The tenant's jobs that pass the filter (and ask for every one of <paramref name="skills"/>, if given), as the
    /// aggregation takes them. The tenant is the first condition of every query. <paramref name="among"/>: only these
    /// jobs' rows are read (<see cref="InsightJobSkillIndex.JobsAskingAll"/>), not every row of the tenant;
    /// <paramref name="payOnly"/>: without their skills (what <c>/salaries</c> needs); <paramref name="withIds"/>: with their
    /// ids (else ""; <c>/salaries</c> answers with them); <paramref name="withDimensions"/> false: without the city, seniority
    /// and category the filter does not select by (a report counts none of them; the tallies' views do). Every condition is the database's,
    /// so only the passing jobs leave it, and only the columns a report uses: <c>since</c> through the index of
    /// <see cref="InsightJob.PostedDay"/>, one or two of city, seniority and category through the index they are the prefix
    /// of: the rows read grow with the window or the jobs passing, not with the tenant's jobs (ADR 0013).
    /// </summary>
    public async Task<List<MarketJob>> JobsAsync(
        InsightsDbContext db, string tenantId, CancellationToken cancellationToken, IReadOnlyList<string>? skills = null, IQueryable<Guid>? among = null, bool payOnly = false, bool withIds = false, bool withDimensions = true) =>
        [.. (await Rows(db, tenantId, skills, among, payOnly, withIds, withDimensions).ToListAsync(cancellationToken)).Where(Passes).Select(j => j.ToMarketJob())];

    /// <summary>
    /// The passing jobs counted as a report counts them (<see cref="MarketCounts"/>), row by row as the database returns
    /// them: no job object per row (a <c>since</c> window is thousands of jobs per request; ADR 0013).
    /// </summary>
    public async Task<MarketCounts> CountAsync(InsightsDbContext db, string tenantId, CancellationToken cancellationToken)
    {
        var counts = new MarketCounts();
        await foreach (var row in Rows(db, tenantId, null, null, payOnly: false, withIds: false, withDimensions: false).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (Passes(row))
            {
                counts.Add(row.Required, row.Preferred, row.Currency, row.Monthly, row.Annual, MarketCounts.MonthOf(InsightJob.DateOfDay(row.PostedDay)));
            }
        }

        return counts;
    }

    private IQueryable<JobRow> Rows(InsightsDbContext db, string tenantId, IReadOnlyList<string>? skills, IQueryable<Guid>? among, bool payOnly, bool withIds, bool withDimensions)
    {
        var query = db.Jobs.AsNoTracking().Where(j => j.TenantId == tenantId);
        if (among is not null) query = query.Where(j => among.Contains(j.Id));
        foreach (var id in skills ?? [])
        {
            // In the database: the rows that do not ask for the skill never leave it (ids are whole space-separated words).
            var word = $" {id} ";
            query = query.Where(j => (" " + j.Required + " " + j.Preferred + " ").Contains(word));
        }

        if (OpenOnly) query = query.Where(j => j.Open);
        if (Since is { } since)
        {
            var day = InsightJob.DayOf(since);
            query = query.Where(j => j.PostedDay >= day);
        }

        if (City is { } city) query = query.Where(j => j.City == city);
        if (Seniority is { } level) query = query.Where(j => j.Seniority == level);
        if (Category is { } role) query = query.Where(j => j.Category == role);
        // EF drops the columns a false flag leaves out from the SQL: decoding a row's id and posting time was most of a
        // 12,000-job window's read (ADR 0013).
        var (cities, levels, roles) = (withDimensions || City is not null, withDimensions || Seniority is not null, withDimensions || Category is not null);
        return query.Select(j => new JobRow(
            withIds ? j.Id : (Guid?)null, j.Open, j.PostedDay, cities ? j.City : null, levels ? j.Seniority : null, roles ? j.Category : null,
            payOnly ? "" : j.Required, payOnly ? "" : j.Preferred, j.Currency, j.MonthlyMidpoint, j.AnnualMidpoint));
    }

    /// <summary>Compared again as the tallies' views compare (ordinally): a database's collation may match case-insensitively.</summary>
    private bool Passes(JobRow j) => (City is null || j.City == City) && (Seniority is null || j.Seniority == Seniority) && (Category is null || j.Category == Category);

    /// <summary>
    /// A job's columns as a report reads them. Its <see cref="MarketJob.Posted"/> is the posting day's midnight (UTC): a
    /// report and the tallies count months, which the day decides. Its id is "" and its dimensions null unless asked for.
    /// </summary>
    private sealed record JobRow(
        Guid? Id, bool Open, int PostedDay, string? City, string? Seniority, string? Category, string Required, string Preferred, string? Currency, decimal? Monthly, decimal? Annual)
    {
        public MarketJob ToMarketJob() => new(
            Id?.ToString() ?? "",
            InsightJob.Split(Required),
            InsightJob.Split(Preferred),
            City,
            Seniority,
            Category,
            Currency is null ? null : new Compensation(Currency, null, null, null, AnnualMidpoint: Annual, MonthlyMidpoint: Monthly),
            Open,
            new DateTimeOffset(InsightJob.DateOfDay(PostedDay).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }

    public static ProblemHttpResult Invalid(string code, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: $"urn:talentmatch:problem:{code}", title: "Invalid insights request", detail: detail);
}
