using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentMatch.Modules.Matching.Persistence;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Persistence;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Matching;

public static class MatchingModule
{
    /// <summary>
    /// The matching service: its profile store, the match and gap endpoints, proactive matching
    /// (when a profile is stored), saved searches and their alerts.
    /// It retrieves through the search port; with the embedded engine (one writer per index) it
    /// must run in the same process as the search module.
    /// </summary>
    public static IHostApplicationBuilder AddMatchingService(this IHostApplicationBuilder builder)
    {
        if (!ServiceModules.Enabled(builder.Configuration).Contains(ServiceModules.Search) && !SearchIndexRegistration.UsesElasticsearch(builder.Configuration))
        {
            throw new InvalidOperationException(
                "The matching module reads the embedded search index: run it in the same process as the search module, or configure TalentMatch:Search:Engine=elasticsearch.");
        }

        builder.Services.AddSettings<MatchingOptions>(MatchingOptions.Section);
        builder.AddSearchIndex();
        builder.AddTalentMatchDbContext<MatchingDbContext, SqliteMatchingDbContext, SqlServerMatchingDbContext, PostgreSqlMatchingDbContext>();
        builder.Services.AddProcessedMessagePruning<MatchingDbContext>();
        builder.Services.AddScoped<MatchFinder>();
        builder.Services.AddSingleton<JobPayloadCache>();
        builder.Services.AddScoped<Audit.AuditTrail>();
        builder.Services.AddEndpoints<MatchEndpoints>();
        builder.Services.AddEndpoints<ExplanationEndpoints>();
        builder.Services.AddEndpoints<PortalEndpoints>();
        builder.Services.AddEndpoints<Audit.AuditEndpoints>();
        builder.Services.AddEndpoints<Audit.DecisionEndpoints>();
        builder.Services.AddEndpoints<Audit.AuditRetentionEndpoints>();
        builder.Services.AddHostedService<Audit.AuditRetentionPruner>();
        builder.Services.AddEndpoints<Fairness.DemographicsEndpoints>();
        builder.Services.AddEndpoints<Fairness.BiasAuditEndpoints>();
        builder.Services.AddEndpoints<SavedSearches.SavedSearchEndpoints>();
        builder.Services.AddOpenApiExample<SavedSearches.CreateSavedSearchRequest>(
            """{"name": "Distributed training, Beijing", "search": {"q": "(pytorch OR jax) AND \"distributed training\" NOT intern", "location": "Beijing"}}""");
        builder.Services.AddOpenApiExample<TalentMatch.Core.Matching.MatchWeightOverrides>(
            """{"requiredSkills": 0.4, "semantic": 0.35, "experience": 0.1}""");
        builder.Services.AddBusConsumers(bus =>
        {
            // Stores each profile and matches it proactively, in one transaction (no race with the index events).
            bus.AddConsumer<ProfileStoreConsumer>();
            // Saved searches run against a candidate once it is indexed and the api shows it so.
            bus.AddConsumer<SavedSearches.SavedSearchAlertConsumer>();
        });
        return builder;
    }
}
