using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TalentMatch.Modules.Matching.Persistence;
using TalentMatch.Platform.Security;

namespace TalentMatch.Modules.Matching.SavedSearches;

/// <summary>One alert of the tenant's feed: a candidate that matched a saved search when it was indexed.</summary>
public sealed record SavedSearchAlertItem(Guid SavedSearchId, string SavedSearchName, Guid CandidateId, DateTimeOffset MatchedAt);

/// <summary>A page of the tenant's alerts, newest first; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record SavedSearchAlertPage(IReadOnlyList<SavedSearchAlertItem> Items, string? NextCursor);

/// <summary>
/// <c>GET /v1/saved-searches/alerts?since=&amp;limit=&amp;cursor=</c>: the tenant's latest alerts across all its saved
/// searches, newest first, those after <c>since</c> only when it is given: what a console needs for a count of new
/// alerts, and an integrator that polls instead of taking the <c>search.matched</c> webhook. Ordered by
/// (<see cref="SavedSearchAlert.MatchedAtMs"/>, candidate, saved search), all descending, on the index
/// (tenant, matched-at); the cursor is the millisecond of the previous page's last alert and how many alerts of that
/// millisecond it has shown (the alerts of one candidate share their millisecond: at most one per saved search).
/// </summary>
internal static class SavedSearchAlertFeed
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>Alerts of one millisecond a cursor may skip: every saved search of a tenant (one candidate's alerts), a
    /// few candidates over. More is not a cursor this API wrote.</summary>
    private const int MaxSkip = 100 * SavedSearchEndpoints.MaxPerTenant;

    public static async Task<Results<Ok<SavedSearchAlertPage>, ProblemHttpResult>> ListAsync(
        Tenant tenant, MatchingDbContext db, CancellationToken cancellationToken, string? since = null, int limit = DefaultLimit, string? cursor = null)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Problem("invalid-limit", $"'limit' must be between 1 and {MaxLimit}.");
        }

        long? sinceMs = null;
        if (!string.IsNullOrEmpty(since))
        {
            if (since.Length > 40 || !DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var after))
            {
                return Problem("invalid-since", "'since' must be a date and time (RFC 3339, e.g. 2026-12-06T18:00:00Z).");
            }

            sinceMs = after.ToUnixTimeMilliseconds();
        }

        var position = (Ms: long.MaxValue, Skip: 0);
        if (!string.IsNullOrEmpty(cursor))
        {
            if (ParseCursor(cursor) is not { } parsed)
            {
                return Problem("invalid-cursor", "The cursor is malformed. Start again without 'cursor'.");
            }

            position = parsed;
        }

        var rows = await db.SavedSearchAlerts.AsNoTracking()
            .Where(a => a.TenantId == tenant.Id && a.MatchedAtMs <= position.Ms && (sinceMs == null || a.MatchedAtMs > sinceMs))
            .OrderByDescending(a => a.MatchedAtMs).ThenByDescending(a => a.CandidateId).ThenByDescending(a => a.SavedSearchId)
            .Skip(position.Skip).Take(limit + 1)
            .ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        var searchIds = page.Select(a => a.SavedSearchId).Distinct().ToList();
        var names = await db.SavedSearches.AsNoTracking()
            .Where(s => s.TenantId == tenant.Id && searchIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var items = page.Select(a => new SavedSearchAlertItem(a.SavedSearchId, names.GetValueOrDefault(a.SavedSearchId, ""), a.CandidateId, a.MatchedAt)).ToList();
        return TypedResults.Ok(new SavedSearchAlertPage(items, rows.Count > limit ? NextCursor(page, position) : null));
    }

    /// <summary>"{ms}.{shown}": the last alert's millisecond, and how many alerts of it the pages so far have shown.</summary>
    private static string NextCursor(List<SavedSearchAlert> page, (long Ms, int Skip) position)
    {
        var last = page[^1].MatchedAtMs;
        var shown = page.Count(a => a.MatchedAtMs == last) + (last == position.Ms ? position.Skip : 0);
        return string.Create(CultureInfo.InvariantCulture, $"{last}.{shown}");
    }

    private static (long Ms, int Skip)? ParseCursor(string cursor)
    {
        var parts = cursor.Split('.');
        return cursor.Length <= 40 && parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var skip) && skip is > 0 and <= MaxSkip
                ? (ms, skip)
                : null;
    }

    private static ProblemHttpResult Problem(string code, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: $"urn:talentmatch:problem:{code}", title: "Invalid alerts request", detail: detail);
}
