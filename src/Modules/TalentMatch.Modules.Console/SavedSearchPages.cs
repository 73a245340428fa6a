using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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

    public static void Map(RouteGroupBuilder console) => console.MapGet("/saved-searches", SavedSearchesAsync);

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

        return Render<SavedSearchesPage>(context, parameters: new { Searches = searches, SeenAt = seen, More = list.Value.NextCursor is not null });
    }

    /// <summary>The newest alert this browser has shown; null before the first visit (or a cookie it did not write).</summary>
    public static DateTimeOffset? SeenAt(HttpContext context) =>
        context.Request.Cookies.TryGetValue(SeenCookie, out var value)
        && DateTimeOffset.TryParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var seen) ? seen : null;
}
