using System.Text.Json.Serialization;
using TalentMatch.Platform.Persistence;
using TalentMatch.Platform.Security;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Server;

/// <summary>The parts every TalentMatch process has, whichever modules it runs.</summary>
public static class HostDefaults
{
    /// <summary>Problem details, JSON conventions, health checks, telemetry, a clock, security.</summary>
    public static IHostApplicationBuilder AddTalentMatchDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddBadRequestProblems();
        builder.Services.AddConcurrentChangeProblems();
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        builder.Services.AddHealthChecks();
        builder.Services.AddMemoryCache();
        builder.Services.AddTalentMatchOpenApi();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddTalentMatchSecurity();
        builder.AddTalentMatchTelemetry();
        return builder;
    }

    /// <summary>The middleware pipeline, then health, telemetry, every module's endpoints and the OpenAPI document.</summary>
    public static WebApplication MapTalentMatchEndpoints(this WebApplication app)
    {
        // What a request commits to the embedded database is synced to disk before it answers (SqliteCommitDurability).
        app.UseDurableRequestCommits();
        // Every error leaves as RFC 9457 problem details: unhandled exceptions (500, without
        // internals), and bare status codes such as 404 for unknown routes or 405.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseClientAddressLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseIdempotencyBuffering();

        app.MapTalentMatchHealthChecks();
        app.MapTalentMatchTelemetry();
        app.MapModuleEndpoints();
        app.MapTalentMatchOpenApi();
        return app;
    }
}
