using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentMatch.Hosting;
using TalentMatch.SearchIndex;
using TalentMatch.SearchIndex.Elasticsearch;
using TalentMatch.SearchIndex.Lucene;
using TalentMatch.Skills;

namespace TalentMatch.Search;

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
        builder.Services.AddBusConsumers(bus => bus.AddConsumer<ProfileEmbeddedConsumer>());
        return builder;
    }

    public static bool UsesElasticsearch(IConfiguration configuration) =>
        string.Equals(configuration["TalentMatch:Search:Engine"], "elasticsearch", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Registers the search port alone (once per process), for the search module and for modules
    /// that query it (matching).
    /// </summary>
    public static IHostApplicationBuilder AddSearchIndex(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(ISearchIndex)))
        {
            return builder;
        }

        var taxonomy = SkillTaxonomy.LoadDefault();
        IEnumerable<string> Ancestors(string id) => taxonomy.AncestorsOf(id).Select(s => s.Id);
        var section = builder.Configuration.GetSection("TalentMatch:Search");
        var engine = section["Engine"] ?? "embedded";
        if (string.Equals(engine, "elasticsearch", StringComparison.OrdinalIgnoreCase))
        {
            var url = section["Elasticsearch:Url"]
                ?? throw new InvalidOperationException("TalentMatch:Search:Elasticsearch:Url is required when TalentMatch:Search:Engine is elasticsearch.");
            builder.Services.AddSingleton<ISearchIndex>(_ => ElasticsearchSearchIndex.Create(new Uri(url), new ElasticsearchSearchIndexOptions
            {
                SkillAncestors = Ancestors,
                IndexPrefix = section["Elasticsearch:IndexPrefix"] ?? ElasticsearchSearchIndexOptions.DefaultIndexPrefix,
            }));
        }
        else if (string.Equals(engine, "embedded", StringComparison.OrdinalIgnoreCase))
        {
            var path = Path.Combine(DataDirectory.Resolve(builder.Configuration), "search", "lucene");
            builder.Services.AddSingleton<ISearchIndex>(_ => new LuceneSearchIndex(path, new LuceneSearchIndexOptions { SkillAncestors = Ancestors }));
        }
        else
        {
            throw new InvalidOperationException($"Unknown TalentMatch:Search:Engine '{engine}': use embedded or elasticsearch.");
        }

        return builder;
    }
}
