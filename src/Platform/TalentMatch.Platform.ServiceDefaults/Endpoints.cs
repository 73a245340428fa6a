using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TalentMatch.Platform.ServiceDefaults;

public static class HealthTags
{
    /// <summary>Checks that must pass before the instance takes traffic (database, bus).</summary>
    public const string Ready = "ready";
}

/// <summary>A module's HTTP endpoints; the host maps every registered one after routing is set up.</summary>
public interface IEndpointContributor
{
    void MapEndpoints(IEndpointRouteBuilder endpoints);
}

public static class EndpointExtensions
{
    /// <summary>Registers a module's endpoints, mapped later by <see cref="MapModuleEndpoints"/>.</summary>
    public static IServiceCollection AddEndpoints<TContributor>(this IServiceCollection services)
        where TContributor : class, IEndpointContributor =>
        services.AddSingleton<IEndpointContributor, TContributor>();

    /// <summary>Maps the endpoints every module registered with <see cref="AddEndpoints{TContributor}"/>.</summary>
    public static WebApplication MapModuleEndpoints(this WebApplication app)
    {
        foreach (var contributor in app.Services.GetServices<IEndpointContributor>())
        {
            contributor.MapEndpoints(app);
        }

        return app;
    }

    /// <summary>Liveness (<c>/health/live</c>) and readiness (<c>/health/ready</c>, checks tagged <see cref="HealthTags.Ready"/>).</summary>
    public static WebApplication MapTalentMatchHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = WriteHealthReport,
        });
        return app;
    }

    /// <summary>
    /// Readiness names each dependency and its state (a database per module, the bus), so that an
    /// operator sees which one holds the instance back. Descriptions and exceptions stay in the log:
    /// the endpoint is anonymous and a broker's error names hosts and users.
    /// </summary>
    private static Task WriteHealthReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        });
    }
}
