using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TalentMatch.Platform.Security;

/// <summary>
/// The one 429 answer of every request-rate limit (per address, per failed authentication, per
/// key): a <c>rate-limited</c> problem with a whole-second <c>Retry-After</c> of at least 1.
/// </summary>
internal static class RateLimitedProblem
{
    public static Task WriteAsync(HttpContext context, TimeSpan retryAfter, string reason)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = "urn:talentmatch:problem:rate-limited",
                Title = "Too many requests",
                Detail = reason + "; retry after the Retry-After header's seconds.",
            },
        }).AsTask();
    }
}
