using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using TalentMatch.Hosting.Security;

namespace TalentMatch.Hosting;

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

public static class DefaultsExtensions
{
    /// <summary>What every TalentMatch host has: problem details, JSON conventions, health checks, telemetry, a clock.</summary>
    public static IHostApplicationBuilder AddTalentMatchDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        builder.Services.AddHealthChecks();
        builder.Services.AddMemoryCache();
        builder.Services.AddTalentMatchOpenApi();
        builder.Services.AddSingleton(TimeProvider.System);
        Tenant.Register(builder.Services);
        builder.AddTalentMatchSecurity();
        builder.AddTalentMatchTelemetry();
        return builder;
    }

    /// <summary>Registers a module's endpoints, mapped later by <see cref="MapTalentMatchEndpoints"/>.</summary>
    public static IServiceCollection AddEndpoints<TContributor>(this IServiceCollection services)
        where TContributor : class, IEndpointContributor =>
        services.AddSingleton<IEndpointContributor, TContributor>();

    public static WebApplication MapTalentMatchEndpoints(this WebApplication app)
    {
        // Every error leaves as RFC 9457 problem details: unhandled exceptions (500, without
        // internals), and bare status codes such as 404 for unknown routes or 405.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseIdempotencyBuffering();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = WriteHealthReport,
        });
        app.MapTalentMatchTelemetry();

        foreach (var contributor in app.Services.GetServices<IEndpointContributor>())
        {
            contributor.MapEndpoints(app);
        }

        app.MapTalentMatchOpenApi();

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
