using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace TalentMatch.Platform.Persistence;

/// <summary>
/// A write that lost a race with another write of the same row (an optimistic-concurrency token no longer matched,
/// so nothing was saved) answers <c>409 concurrent-change</c> instead of a 500: the client may read again and retry.
/// Commands whose intent does not depend on the row's version retry by themselves first (the api's delete and close);
/// this is the answer for every other write, and for those once their retries are spent.
/// </summary>
public static class ConcurrentChangeProblems
{
    public static IServiceCollection AddConcurrentChangeProblems(this IServiceCollection services) =>
        services.AddExceptionHandler<ConcurrentChangeExceptionHandler>();
}

internal sealed class ConcurrentChangeExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DbUpdateConcurrencyException || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status409Conflict,
                Type = "urn:talentmatch:problem:concurrent-change",
                Title = "The resource changed while the request was applied",
                Detail = "Another change to the same resource was saved first, so nothing of this request was saved. Read the resource again and retry.",
            },
        });
    }
}
