using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentMatch.Hosting;
using TalentMatch.SearchIndex;
using TalentMatch.SearchIndex.Lucene;

namespace TalentMatch.Search;

public static class SearchModule
{
    /// <summary>
    /// The search service: the embedded Lucene index under the data directory (only one process
    /// may write it: scale the search service out with Elasticsearch, not with several Lucene writers).
    /// </summary>
    public static IHostApplicationBuilder AddSearchService(this IHostApplicationBuilder builder)
    {
        var path = Path.Combine(DataDirectory.Resolve(builder.Configuration), "search", "lucene");
        builder.Services.AddSingleton<ISearchIndex>(_ => new LuceneSearchIndex(path));
        builder.Services.AddEndpoints<SearchEndpoints>();
        builder.Services.AddBusConsumers(bus => bus.AddConsumer<ProfileEmbeddedConsumer>());
        return builder;
    }
}
