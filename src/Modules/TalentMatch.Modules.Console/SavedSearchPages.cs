using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TalentMatch.Modules.Console.Pages;
using static TalentMatch.Modules.Console.ConsoleEndpoints;

namespace TalentMatch.Modules.Console;

/// <summary>
/// The recruiter's saved searches and the candidates they alerted about (the console side of the
/// <c>search.matched</c> event), read from the API like every page. What is "new" is what matched after
/// this browser last opened the page: the latest alert it showed is kept in a cookie, no server state.
/// </summary>
public static class SavedSearchPages
{
    /// <summary>When the newest alert this browser has shown matched (round-trip format).</summary>
    public const string SeenCookie = "tm_alerts_seen";

    /// <summary>Saved searches shown, each with its latest alerts (one API call each: bounded).</summary>
    public const int Shown = 20;

    /// <summary>New alerts counted for the navigation at most; more show as "99+".</summary>
    public const int MaxCounted = 99;

    private const string NewAlertsItem = "tm.newAlerts";

    public static void Map(RouteGroupBuilder console) => console.MapGet("/saved-searches", SavedSearchesAsync);

    /// <summary>
    /// Before a signed-in page is rendered: how many alerts matched after the newest one this browser has shown
    /// (<see cref="SeenCookie"/>; all of them before the first visit), from <c>GET /v1/saved-searches/alerts</c>, for
    /// the count in the navigation of every page. One API call per page; a key that may not read saved searches, or
    /// an API that does not answer, shows no count rather than no page.
    /// </summary>
    public static async ValueTask<object?> CountNewAlertsAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var path = context.Request.Path.Value ?? "";
        var services = context.RequestServices;
        if (HttpMethods.IsGet(context.Request.Method) && !NoNavigation(path) && services.GetRequiredService<ConsoleSession>().ApiKey(context) is { } key)
        {
            var since = SeenAt(context) is { } seen ? "&since=" + Uri.EscapeDataString(seen.ToString("O", CultureInfo.InvariantCulture)) : "";
            try
            {
                var feed = await services.GetRequiredService<ConsoleApi>().GetAsync<SavedSearchAlertFeed>(
                    key, $"/v1/saved-searches/alerts?limit={MaxCounted}{since}", context.RequestAborted);
                if (feed.Ok && feed.Value!.Items.Count > 0)
                {
                    context.Items[NewAlertsItem] = feed.Value.NextCursor is null ? feed.Value.Items.Count.ToString(CultureInfo.InvariantCulture) : $"{MaxCounted}+";
                }
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && !context.RequestAborted.IsCancellationRequested)
            {
                // The API did not answer in time: the page itself will say so if it needs the API; the count is left out.
            }
        }

        return await next(invocation);
    }

    /// <summary>The count <see cref="CountNewAlertsAsync"/> found for this request's navigation; null when none.</summary>
    public static string? NewAlerts(HttpContext context) => context.Items[NewAlertsItem] as string;

    /// <summary>Requests that render no recruiter navigation: files, the portal, the status fragments, sign-in, language.</summary>
    private static bool NoNavigation(string path) =>
        path.StartsWith("/console/assets", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/console/portal", StringComparison.OrdinalIgnoreCase)
        || path.StartsWith("/console/status", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/console/sign-in", StringComparison.OrdinalIgnoreCase)
        || path.StartsWith("/console/language", StringComparison.OrdinalIgnoreCase) || path.Equals("/console", StringComparison.OrdinalIgnoreCase)
        || path.Equals("/console/", StringComparison.OrdinalIgnoreCase);

    private static async Task<IResult> SavedSearchesAsync(HttpContext context, ConsoleSession session, ConsoleApi api, CancellationToken cancellationToken)
    {
        if (session.ApiKey(context) is not { } key)
        {
            return SignedOut(context);
        }

        var list = await api.GetAsync<SavedSearchList>(key, $"/v1/saved-searches?limit={Shown}", cancellationToken);
        if (!list.Ok)
        {
            return ApiError(context, list);
        }

        var searches = new List<SavedSearchDetails>();
        foreach (var item in list.Value!.Items)
        {
            var details = await api.GetAsync<SavedSearchDetails>(key, $"/v1/saved-searches/{item.Id}", cancellationToken);
            if (details.Ok)
            {
                searches.Add(details.Value!);
            }
            else if (details.Status != HttpStatusCode.NotFound) // a search deleted meanwhile is simply not shown
            {
                return ApiError(context, details);
            }
        }

        var seen = SeenAt(context);
        var newest = searches.SelectMany(s => s.RecentAlerts).Select(a => (DateTimeOffset?)a.MatchedAt).Max();
        if (newest > (seen ?? DateTimeOffset.MinValue))
        {
            context.Response.Cookies.Append(SeenCookie, newest.Value.ToString("O", CultureInfo.InvariantCulture), new CookieOptions
            {
                HttpOnly = true, Path = ConsoleSession.CookiePath, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365), IsEssential = true,
            });
        }

        // This visit is what the count is since: the navigation of this page shows none.
        context.Items.Remove(NewAlertsItem);
        return Render<SavedSearchesPage>(context, parameters: new { Searches = searches, SeenAt = seen, More = list.Value.NextCursor is not null });
    }

    /// <summary>The newest alert this browser has shown; null before the first visit (or a cookie it did not write).</summary>
    public static DateTimeOffset? SeenAt(HttpContext context) =>
        context.Request.Cookies.TryGetValue(SeenCookie, out var value)
        && DateTimeOffset.TryParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var seen) ? seen : null;
}
