using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentMatch.Api.Consumers;
using TalentMatch.Api.Endpoints;
using TalentMatch.Api.Persistence;
using TalentMatch.Hosting;

namespace TalentMatch.Api;

public static class ApiModule
{
    /// <summary>The api service: REST endpoints for candidates and jobs, its database, and the pipeline status it follows.</summary>
    public static IHostApplicationBuilder AddApiService(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ApiOptions>(builder.Configuration.GetSection(ApiOptions.Section));
        builder.AddTalentMatchDbContext<ApiDbContext, SqliteApiDbContext, SqlServerApiDbContext, PostgreSqlApiDbContext>();
        builder.Services.AddEndpoints<DocumentEndpoints>();
        builder.Services.AddBusConsumers(bus => bus.AddConsumer<PipelineStatusConsumer>());
        return builder;
    }
}
