using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static TalentMatch.Modules.Console.ConsoleEndpoints;

namespace TalentMatch.Modules.Console;

/// <summary>
/// Human oversight on a job's ranked candidates: the ranking is a recommendation, and a recruiter records what they
/// decided about a candidate (shortlist, advance, hold, reject) and why. The API keeps the decision in the audit trail
/// beside the score the tool gave at that moment (<c>POST /v1/jobs/{id}/decisions</c>, docs/responsible-matching.md).
/// </summary>
public static class MatchDecisions
{
    /// <summary>The decisions the API records, in the order the form offers them.</summary>
    public static readonly IReadOnlyList<string> Decisions = ["shortlist", "advance", "hold", "reject"];

    /// <summary>The longest reason the API takes.</summary>
    public const int MaxReasonLength = 1000;

    public static void Map(RouteGroupBuilder console) => console.MapPost("/jobs/{id:guid}/decisions", RecordAsync);

    private static async Task<IResult> RecordAsync(HttpContext context, Guid id, ConsoleApi api, CancellationToken cancellationToken)
    {
        var (key, form, refusal) = await SignedInFormAsync(context, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!Guid.TryParse(form!["candidateId"], out var candidate))
        {
            return Results.BadRequest();
        }

        // The API checks the decision and the reason (400 invalid-decision), and that both documents are the tenant's.
        var recorded = await api.PostJsonAsync<JsonElement>(key!, $"/v1/jobs/{id}/decisions",
            new { candidateId = candidate, decision = form["decision"].ToString(), reason = form["reason"].ToString() }, cancellationToken);

        // Post, redirect, get: the job page says the decision is recorded, under that candidate.
        return recorded.Ok ? Results.Redirect($"/console/jobs/{id}?decided={candidate}#m-{candidate}") : ApiError(context, recorded);
    }
}
