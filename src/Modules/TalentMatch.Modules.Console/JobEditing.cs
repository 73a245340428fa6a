using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TalentMatch.Modules.Console.Pages;
using static TalentMatch.Modules.Console.ConsoleEndpoints;

namespace TalentMatch.Modules.Console;

/// <summary>
/// Editing a job with the API's ETag flow: the form carries the ETag of the version it was opened on,
/// the save sends it as <c>If-Match</c>, and when someone changed the job in between the API's 412 is
/// shown as a conflict, the user's text kept, beside the version now stored (whose ETag the form then
/// carries, so that saving again replaces it knowingly).
/// </summary>
public static class JobEditing
{
    public static void Map(RouteGroupBuilder console)
    {
        console.MapGet("/jobs/{id:guid}/edit", EditAsync);
        console.MapPost("/jobs/{id:guid}/edit", SaveAsync);
    }

    private static async Task<IResult> EditAsync(HttpContext context, Guid id, ConsoleSession session, ConsoleApi api, CancellationToken cancellationToken)
    {
        if (session.ApiKey(context) is not { } key)
        {
            return SignedOut(context);
        }

        var job = await api.GetAsync<DocumentDetail>(key, $"/v1/jobs/{id}", cancellationToken);
        return job.Ok
            ? Render<EditJobPage>(context, parameters: new { Id = id, ETag = job.ETag, Title = job.Value!.Title, Text = job.Value.Text })
            : ApiError(context, job);
    }

    private static async Task<IResult> SaveAsync(HttpContext context, Guid id, ConsoleApi api, CancellationToken cancellationToken)
    {
        var (key, form, refusal) = await SignedInFormAsync(context, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var title = form!["title"].ToString();
        var text = form["text"].ToString();
        var etag = form["etag"].ToString();
        var saved = await api.PutJsonAsync<DocumentDetail>(key!, $"/v1/jobs/{id}",
            new { title = string.IsNullOrWhiteSpace(title) ? null : title, text }, string.IsNullOrEmpty(etag) ? "\"none\"" : etag, cancellationToken);
        if (saved.Ok)
        {
            return Results.Redirect($"/console/jobs/{id}");
        }

        if (saved.Status == HttpStatusCode.PreconditionFailed)
        {
            var current = await api.GetAsync<DocumentDetail>(key!, $"/v1/jobs/{id}", cancellationToken);
            if (!current.Ok)
            {
                return ApiError(context, current);
            }

            return Render<EditJobPage>(context, parameters: new { Id = id, ETag = current.ETag, Title = title, Text = text, Current = current.Value }, status: HttpStatusCode.Conflict);
        }

        // A closed job, a text too long or empty: said beside the form, the text kept.
        return saved.Status is HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnsupportedMediaType
            ? Render<EditJobPage>(context, parameters: new { Id = id, ETag = etag, Title = title, Text = text, Problem = saved.Problem }, status: saved.Status)
            : ApiError(context, saved);
    }
}
