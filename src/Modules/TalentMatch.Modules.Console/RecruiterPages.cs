using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Modules.Console.Pages;
using static TalentMatch.Modules.Console.ConsoleEndpoints;

namespace TalentMatch.Modules.Console;

/// <summary>The recruiter's pages: search, a candidate, jobs and their ranked candidates, uploads.</summary>
public static class RecruiterPages
{
    /// <summary>Files one upload form may carry (each is also bounded by the API's own size limit).</summary>
    public const int MaxFilesPerUpload = 20;

    /// <summary>The whole upload form: the API refuses any one file over its limit, this bounds their sum.</summary>
    public const long MaxUploadBytes = 32L * 1024 * 1024;

    /// <summary>The components a recruiter may weigh, in the order the sliders show them.</summary>
    public static readonly IReadOnlyList<string> Components = ["requiredSkills", "preferredSkills", "semantic", "experience", "seniority", "location", "languages"];

    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/search", SearchAsync);
        console.MapGet("/candidates/{id:guid}", CandidateAsync);
        console.MapPost("/candidates/{id:guid}/portal-links", CreatePortalLinkAsync);
        console.MapPost("/candidates/{id:guid}/portal-links/{linkId:guid}/revoke", RevokePortalLinkAsync);
        console.MapGet("/jobs", JobsAsync);
        console.MapGet("/jobs/new", (HttpContext context, ConsoleSession session) =>
            session.ApiKey(context) is null ? SignedOut(context) : Render<NewJobPage>(context));
        console.MapPost("/jobs", CreateJobAsync);
        console.MapGet("/jobs/{id:guid}", JobAsync);
        console.MapPost("/jobs/{id:guid}/close", CloseJobAsync);
        console.MapGet("/insights", InsightsAsync);
        console.MapGet("/skills", SkillSuggestionsAsync);
        console.MapGet("/upload", (HttpContext context, ConsoleSession session) =>
            session.ApiKey(context) is null ? SignedOut(context) : Render<UploadPage>(context));
        console.MapPost("/upload", UploadAsync);
    }

    /// <summary>The search form's fields, passed on to GET /v1/search/candidates as they are (the API validates them).</summary>
    public sealed record SearchForm(string? Q, string? Mode, string? Skills, string? Nice, string? YearsMin, string? Location, string? Seniority, string? Cursor)
    {
        /// <summary>Nothing to search for yet (the page a recruiter lands on after signing in).</summary>
        public bool IsBlank => new[] { Q, Skills, Nice, YearsMin, Location, Seniority, Cursor }.All(string.IsNullOrWhiteSpace);

        public string ApiQuery()
        {
            var query = new List<string> { "facets=all", "limit=20" };
            Add(query, "q", Q);
            Add(query, "mode", Mode);
            Add(query, "skills", Skills);
            Add(query, "nice", Nice);
            Add(query, "yearsMin", YearsMin);
            Add(query, "location", Location);
            Add(query, "seniority", Seniority);
            Add(query, "cursor", Cursor);
            return string.Join('&', query);
        }

        /// <summary>This search's console URL with one field changed (facet links, paging).</summary>
        public string With(string field, string? value)
        {
            var form = field switch
            {
                "skills" => this with { Skills = string.IsNullOrWhiteSpace(Skills) || value is null ? value : Skills + "," + value, Cursor = null },
                "location" => this with { Location = value, Cursor = null },
                "seniority" => this with { Seniority = value, Cursor = null },
                "cursor" => this with { Cursor = value },
                _ => this,
            };
            var query = new List<string>();
            Add(query, "q", form.Q);
            Add(query, "mode", form.Mode);
            Add(query, "skills", form.Skills);
            Add(query, "nice", form.Nice);
            Add(query, "yearsMin", form.YearsMin);
            Add(query, "location", form.Location);
            Add(query, "seniority", form.Seniority);
            Add(query, "cursor", form.Cursor);
            return "/console/search" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
        }

        private static void Add(List<string> query, string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(name + "=" + Uri.EscapeDataString(value.Trim()));
            }
        }
    }

    private static async Task<IResult> SearchAsync(HttpContext context, [AsParameters] SearchForm form, ConsoleSession session, ConsoleApi api, CancellationToken cancellationToken)
    {
        if (session.ApiKey(context) is not { } key)
        {
            return SignedOut(context);
        }

        if (form.IsBlank)
        {
            // An empty form, not the API's "give words in 'q'" as if the recruiter had asked something wrong.
            return Render<SearchPage>(context, parameters: new { Form = form, Results = (SearchResults?)null, Problem = (string?)null });
        }

        var results = await api.GetAsync<SearchResults>(key, "/v1/search/candidates?" + form.ApiQuery(), cancellationToken);
        if (!results.Ok && results.Status != HttpStatusCode.BadRequest)
        {
            return ApiError(context, results);
        }

        // A bad query (too long, unknown skill, hybrid without the model) is shown beside the form, not as an error page.
        return Render<SearchPage>(context, parameters: new { Form = form, Results = results.Value, Problem = results.Problem });
    }

    private static async Task<IResult> CandidateAsync(HttpContext context, Guid id, ConsoleSession session, OneTimeSecret once, ConsoleApi api, CancellationToken cancellationToken) =>
        session.ApiKey(context) is { } key
            ? await CandidatePageAsync(context, api, key, id, once.Take(context, CandidatePath(id)), cancellationToken)
            : SignedOut(context);

    private static string CandidatePath(Guid id) => $"/console/candidates/{id}";

    /// <summary>The candidate page; <paramref name="createdLink"/> is a portal link just made, shown this once.</summary>
    private static async Task<IResult> CandidatePageAsync(HttpContext context, ConsoleApi api, string key, Guid id, string? createdLink, CancellationToken cancellationToken)
    {
        var candidate = await api.GetAsync<DocumentDetail>(key, $"/v1/candidates/{id}", cancellationToken);
        if (!candidate.Ok)
        {
            return ApiError(context, candidate);
        }

        // Roles need the search scope; a key without it still sees the resume.
        var roles = candidate.Value!.Status == "indexed"
            ? await api.GetAsync<MatchList>(key, $"/v1/candidates/{id}/matches?limit=10", cancellationToken)
            : null;
        var jobs = roles?.Value is { Matches.Count: > 0 } ? await JobTitlesAsync(api, key, cancellationToken) : new Dictionary<Guid, string?>();
        var links = await api.GetAsync<PortalLinkList>(key, $"/v1/candidates/{id}/portal-links", cancellationToken);
        return Render<CandidatePage>(context, parameters: new
        {
            Candidate = candidate.Value, Roles = roles?.Value?.Matches, JobTitles = jobs, PortalLinks = links.Value?.Items, CreatedLink = createdLink,
        });
    }

    /// <summary>
    /// A portal link for the candidate. The URL shown is this console's own address (the one the recruiter
    /// reaches it at, which serves the portal), with the token the API returned once.
    /// </summary>
    private static async Task<IResult> CreatePortalLinkAsync(HttpContext context, Guid id, OneTimeSecret once, ConsoleApi api, CancellationToken cancellationToken)
    {
        var (key, _, refusal) = await SignedInFormAsync(context, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var created = await api.PostJsonAsync<CreatedPortalLink>(key!, $"/v1/candidates/{id}/portal-links", new { }, cancellationToken);
        if (!created.Ok)
        {
            return ApiError(context, created);
        }

        // Post, redirect, get: a reload of the page that shows the link must not make another one.
        once.Keep(context, CandidatePath(id), $"{context.Request.Scheme}://{context.Request.Host}/console/portal/open/{created.Value!.Token}");
        return Results.Redirect(CandidatePath(id));
    }

    private static async Task<IResult> RevokePortalLinkAsync(HttpContext context, Guid id, Guid linkId, ConsoleApi api, CancellationToken cancellationToken)
    {
        var (key, _, refusal) = await SignedInFormAsync(context, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var revoked = await api.DeleteAsync(key!, $"/v1/candidates/{id}/portal-links/{linkId}", cancellationToken);
        return revoked.Status == HttpStatusCode.NoContent ? Results.Redirect(CandidatePath(id)) : ApiError(context, revoked);
    }

    private static async Task<IResult> JobsAsync(HttpContext context, string? cursor, ConsoleSession session, ConsoleApi api, CancellationToken cancellationToken)
    {
        if (session.ApiKey(context) is not { } key)
        {
            return SignedOut(context);
        }

        var path = "/v1/jobs?limit=50" + (string.IsNullOrEmpty(cursor) ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
        var jobs = await api.GetAsync<DocumentPage>(key, path, cancellationToken);
        return jobs.Ok ? Render<JobsPage>(context, parameters: new { Jobs = jobs.Value }) : ApiError(context, jobs);
    }

    /// <summary>The market over the tenant's open jobs: the 15 skills most asked for, as the API reports them.</summary>
    private static async Task<IResult> InsightsAsync(HttpContext context, ConsoleSession session, ConsoleApi api, CancellationToken cancellationToken)
    {
        if (session.ApiKey(context) is not { } key)
        {
            return SignedOut(context);
        }

        var report = await api.GetAsync<SkillInsights>(key, "/v1/insights/skills?limit=15", cancellationToken);
        return report.Ok ? Render<InsightsPage>(context, parameters: new { Report = report.Value }) : ApiError(context, report);
    }

    private static async Task<IResult> CreateJobAsync(HttpContext context, ConsoleApi api, CancellationToken cancellationToken)
    {
        var (key, form, refusal) = await SignedInFormAsync(context, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var title = form!["title"].ToString();
        var text = form["text"].ToString();
        var created = await api.PostJsonAsync<DocumentDetail>(key!, "/v1/jobs", new { title = string.IsNullOrWhiteSpace(title) ? null : title, text }, cancellationToken);
        if (created.Ok)
        {
            return Results.Redirect($"/console/jobs/{created.Value!.Id}");
        }

        return created.Status is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnsupportedMediaType
            ? Render<NewJobPage>(context, parameters: new { Title = title, Text = text, Problem = created.Problem }, status: created.Status)
            : ApiError(context, created);
    }

    private static async Task<IResult> JobAsync(HttpContext context, Guid id, ConsoleSession session, ConsoleApi api, CancellationToken cancellationToken)
    {
        if (session.ApiKey(context) is not { } key)
        {
            return SignedOut(context);
        }

        var job = await api.GetAsync<DocumentDetail>(key, $"/v1/jobs/{id}", cancellationToken);
        if (!job.Ok)
        {
            return ApiError(context, job);
        }

        // Sliders post w.component=value; only the ones given override the tenant's weights.
        var weights = string.Join(',', Components
            .Select(c => (c, Value: context.Request.Query["w." + c].ToString()))
            .Where(w => double.TryParse(w.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .Select(w => w.c + "=" + w.Value));
        ApiResult<MatchList>? matches = null;
        if (job.Value!.Status == "indexed" && job.Value.ClosedAt is null)
        {
            matches = await api.GetAsync<MatchList>(key, $"/v1/jobs/{id}/matches?limit=20" + (weights.Length > 0 ? "&weights=" + Uri.EscapeDataString(weights) : ""), cancellationToken);
        }

        Guid? decided = Guid.TryParse(context.Request.Query["decided"], out var d) ? d : null;
        return Render<JobPage>(context, parameters: new { Job = job.Value, Matches = matches?.Value?.Matches, Problem = matches?.Problem, Decided = decided });
    }

    private static async Task<IResult> CloseJobAsync(HttpContext context, Guid id, ConsoleApi api, CancellationToken cancellationToken)
    {
        var (key, _, refusal) = await SignedInFormAsync(context, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var closed = await api.PostAsync<JsonElement>(key!, $"/v1/jobs/{id}/close", new ByteArrayContent([]), cancellationToken);
        return closed.Ok ? Results.Redirect($"/console/jobs/{id}") : ApiError(context, closed);
    }

    /// <summary>Skill suggestions for the search form's skill fields (console.js fills a datalist with them).</summary>
    private static async Task<IResult> SkillSuggestionsAsync(HttpContext context, string? q, ConsoleSession session, ConsoleApi api, CancellationToken cancellationToken)
    {
        if (session.ApiKey(context) is not { } key)
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        if (string.IsNullOrWhiteSpace(q) || q.Length > 100)
        {
            return Results.Json(Array.Empty<object>());
        }

        var suggestions = await api.GetAsync<JsonElement>(key, "/v1/skills/autocomplete?limit=10&q=" + Uri.EscapeDataString(q.Trim()), cancellationToken);
        if (!suggestions.Ok)
        {
            return Results.StatusCode((int)suggestions.Status);
        }

        var ui = Ui.For(context.Request);
        return Results.Json(suggestions.Value.GetProperty("items").EnumerateArray().Select(s => new
        {
            id = s.GetProperty("id").GetString(),
            name = ui.Language == "zh" && s.TryGetProperty("chineseName", out var zh) && zh.ValueKind == JsonValueKind.String ? zh.GetString() : s.GetProperty("name").GetString(),
        }));
    }

    private static async Task<IResult> UploadAsync(HttpContext context, ConsoleApi api, CancellationToken cancellationToken)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxUploadBytes;
        }

        var (key, form, refusal) = await SignedInFormAsync(context, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var files = form!.Files.Where(f => f.Name == "files").ToList();
        if (files.Count is 0 or > MaxFilesPerUpload)
        {
            return Render<UploadPage>(context, parameters: new { Problem = files.Count == 0 ? "upload.none" : "upload.tooMany" }, status: HttpStatusCode.BadRequest);
        }

        var uploaded = new List<UploadPage.Uploaded>();
        foreach (var file in files)
        {
            using var content = new MultipartFormDataContent();
            var part = new StreamContent(file.OpenReadStream());
            part.Headers.ContentType = MediaTypeHeaderValue.TryParse(file.ContentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "file", file.FileName);
            var result = await api.PostAsync<DocumentDetail>(key!, "/v1/candidates", content, cancellationToken);
            if (result.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                return ApiError(context, result);
            }

            uploaded.Add(new UploadPage.Uploaded(file.FileName, result.Value?.Id, result.Value?.Status ?? "rejected", result.Problem));
        }

        return Render<UploadPage>(context, parameters: new { Results = uploaded });
    }

    /// <summary>Titles of the tenant's jobs, to name the roles a candidate matches (one page of the newest).</summary>
    private static async Task<Dictionary<Guid, string?>> JobTitlesAsync(ConsoleApi api, string key, CancellationToken cancellationToken)
    {
        var jobs = await api.GetAsync<DocumentPage>(key, "/v1/jobs?limit=100", cancellationToken);
        return jobs.Value?.Items.ToDictionary(j => j.Id, j => j.Title) ?? [];
    }
}
