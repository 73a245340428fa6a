using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentMatch.Modules.Insights.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Persistence;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Insights;

public static class InsightsModule
{
    /// <summary>
    /// The insights service: per-tenant facts of every job (skills asked for, city, seniority, category, pay, open or
    /// closed, month) and candidate (skills, years), kept from the pipeline's events, and the market insights
    /// endpoints over them (docs/insights.md, docs/adr/0010-insights.md).
    /// </summary>
    public static IHostApplicationBuilder AddInsightsService(this IHostApplicationBuilder builder)
    {
        builder.AddTalentMatchDbContext<InsightsDbContext, SqliteInsightsDbContext, SqlServerInsightsDbContext, PostgreSqlInsightsDbContext>();
        builder.Services.AddSettings<InsightsOptions>(InsightsOptions.Section);
        builder.Services.AddProcessedMessagePruning<InsightsDbContext>();
        builder.Services.AddEndpoints<InsightsEndpoints>();
        builder.Services.AddBusConsumers(bus => bus.AddConsumer<InsightFactsConsumer>());
        builder.Services.AddHostedService<InsightTallyRebuilder>();
        return builder;
    }
}
