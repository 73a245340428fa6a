using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TalentMatch.Platform.ServiceDefaults;

/// <summary>
/// Malformed route, query and body values (<c>?limit=abc</c>, <c>?jobId=zzz</c>, a JSON body that does
/// not parse) fail parameter binding before a handler runs. ASP.NET answers those with a bare 400 in
/// Production and, in Development, throws (a 500 with a stack trace in the log). Here binding always
/// throws and <see cref="BadRequestExceptionHandler"/> answers with the API's problem details, with a
/// stable <c>urn:talentmatch:problem:</c> type, in every environment.
/// </summary>
public static class BadRequestProblems
{
    public static IServiceCollection AddBadRequestProblems(this IServiceCollection services)
    {
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        return services;
    }
}

internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        var (type, title) = bad switch
        {
            { InnerException: JsonException } => ("malformed-json", "The request body is not valid JSON"),
            { StatusCode: StatusCodes.Status413PayloadTooLarge } => ("request-too-large", "The request body is too large"),
            { StatusCode: StatusCodes.Status415UnsupportedMediaType } => ("unsupported-media-type", "The request body's content type is not supported"),
            _ => ("invalid-parameter", "A parameter has an invalid value"),
        };
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Type = $"urn:talentmatch:problem:{type}",
                Title = title,
                // ASP.NET's message names the parameter and the value it could not bind, nothing internal.
                Detail = bad.Message,
            },
        });
    }
}
