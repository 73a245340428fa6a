using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentMatch.Core.SearchIndex;
using TalentMatch.Core.SearchIndex.Elasticsearch;
using TalentMatch.Core.SearchIndex.Lucene;
using TalentMatch.Core.Skills;
using TalentMatch.Platform.Messaging;
using TalentMatch.Platform.Persistence;
using TalentMatch.Platform.ServiceDefaults;

namespace TalentMatch.Modules.Search;

public static class SearchModule
{
    /// <summary>
    /// The search service. <c>TalentMatch:Search:Engine</c> picks the adapter: <c>embedded</c> (default:
    /// Lucene.Net + USearch under the data directory; only one process may write it, so scale the search
    /// service out with Elasticsearch, not with several embedded writers) or <c>elasticsearch</c>
    /// (<c>TalentMatch:Search:Elasticsearch:Url</c>). Skills are indexed with their taxonomy ancestors.
    /// </summary>
    public static IHostApplicationBuilder AddSearchService(this IHostApplicationBuilder builder)
    {
        builder.AddSearchIndex();
        builder.Services.AddEndpoints<SearchEndpoints>();
        builder.Services.AddEndpoints<SimilarCandidatesEndpoints>();
        builder.Services.AddBusConsumers(bus =>
        {
            bus.AddConsumer<ProfileEmbeddedConsumer>();
            bus.AddConsumer<DuplicateGroupsConsumer>();
        });
        return builder;
    }
}
